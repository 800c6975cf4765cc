import { expectedShares, qualifies } from "./scenario/evaluate";
import { fullTraffic } from "./scenario/generate";
import type { Scenario } from "./scenario/model";
import { type SdkUnderTest, Tally } from "./sdks/types";

/** Largest allowed gap between an observed and a configured share (absolute). */
export const TOLERANCE = 0.01;

/** What the verification of one SDK on one experiment found. */
export interface ExperimentCheck {
  experiment: string;
  /**
   * Share of users qualifying: over all users by the reference evaluator (`expected`), and over
   * the users of the timed plan for which the SDK returned a variation at 100 % traffic
   * (`observed`; those users match the reference one by one, or verification fails).
   */
  qualifying: { expected: number; observed: number };
  /** Per variation: configured share of qualifying users vs observed. */
  variations: Array<{ name: string; expected: number; observed: number }>;
  /** Users the reference evaluator rejects that the SDK still assigned (must be 0). */
  nonQualifyingAssigned: number;
}

/**
 * A tally that also knows, for the user at each position, whether the reference evaluator
 * qualifies them: the runners call `add` once per user, in order.
 */
class CheckedTally extends Tally {
  private cursor = 0;
  nonQualifyingAssigned = 0;
  /** Counts of each variation among qualifying users. */
  readonly qualifyingCounts = new Map<string, number>();

  constructor(private readonly qualifying: Uint8Array) {
    super(1);
  }

  override add(_experiment: number, variation: string | null | undefined): void {
    const q = this.qualifying[this.cursor++] === 1;
    super.add(0, variation);
    if (variation === null || variation === undefined) return;
    if (!q) this.nonQualifyingAssigned++;
    else this.qualifyingCounts.set(variation, (this.qualifyingCounts.get(variation) ?? 0) + 1);
  }
}

/**
 * Checks, before anything is timed, that an SDK configured from its own translation of the
 * scenario does the same work as the scenario says. Throws when it does not.
 *
 * - Qualification, per user: with every experiment at 100 % traffic, user `i` decides experiment
 *   `plan[i]` (the timed workload); the SDK must return a variation exactly for the users the
 *   reference evaluator qualifies. The share of qualifying users per experiment is reported.
 * - Assignment: for every experiment, all users decide it with the configured traffic; each
 *   variation's share of the qualifying users must be within `tolerance` (default
 *   {@link TOLERANCE}) of traffic ×
 *   share, and no user outside the audience may get a variation.
 */
export async function verify(
  sdk: SdkUnderTest,
  scenario: Scenario,
  plan: Uint8Array,
  tolerance = TOLERANCE,
): Promise<ExperimentCheck[]> {
  const n = scenario.users.length;
  const problems: string[] = [];
  const qualifies2d = scenario.experiments.map((experiment) => {
    const q = new Uint8Array(n);
    scenario.users.forEach((u, i) => {
      if (qualifies(experiment, u.attributes)) q[i] = 1;
    });
    return q;
  });

  // Per-user qualification on the timed plan, at 100 % traffic.
  const probe = await sdk.create(fullTraffic(scenario), "decide");
  const planQualifies = new Uint8Array(n).map((_, i) => qualifies2d[plan[i]!]![i]!);
  const probeTally = new CheckedTally(planQualifies);
  await probe.run(plan, 0, n, probeTally);
  await probe.close();
  const wronglyOut =
    planQualifies.reduce((s, q) => s + q, 0) -
    (probeTally.assigned() - probeTally.nonQualifyingAssigned);
  if (probeTally.nonQualifyingAssigned > 0 || wronglyOut > 0) {
    problems.push(
      `${sdk.label}: at 100% traffic, ${probeTally.nonQualifyingAssigned} users outside the audience got a variation and ${wronglyOut} qualifying users got none`,
    );
  }
  const planned = new Float64Array(scenario.experiments.length);
  const plannedQualifying = new Float64Array(scenario.experiments.length);
  plan.forEach((e, i) => {
    planned[e]!++;
    plannedQualifying[e]! += planQualifies[i]!;
  });

  const real = await sdk.create(scenario, "decide");
  const checks: ExperimentCheck[] = [];
  for (let e = 0; e < scenario.experiments.length; e++) {
    const experiment = scenario.experiments[e]!;
    const qualifying = qualifies2d[e]!;
    const qualifyingCount = qualifying.reduce((s, q) => s + q, 0);
    const tally = new CheckedTally(qualifying);
    await real.run(new Uint8Array(n).fill(e), 0, n, tally);
    const expected = expectedShares(experiment);
    const check: ExperimentCheck = {
      experiment: experiment.key,
      qualifying: {
        expected: qualifyingCount / n,
        observed: plannedQualifying[e]! / planned[e]!,
      },
      variations: [...expected].map(([name, share]) => ({
        name,
        expected: share,
        observed: (tally.qualifyingCounts.get(name) ?? 0) / qualifyingCount,
      })),
      nonQualifyingAssigned: tally.nonQualifyingAssigned,
    };
    checks.push(check);
    const where = `${sdk.label}, ${experiment.key}`;
    for (const v of check.variations) {
      if (Math.abs(v.observed - v.expected) > tolerance) {
        problems.push(
          `${where}: "${v.name}" share ${pct(v.observed)} vs configured ${pct(v.expected)}`,
        );
      }
    }
    if (check.nonQualifyingAssigned > 0) {
      problems.push(
        `${where}: ${check.nonQualifyingAssigned} users outside the audience got a variation`,
      );
    }
    if (tally.unknown > 0) problems.push(`${where}: unknown variation names returned`);
  }
  await real.close();
  if (probeTally.unknown > 0) problems.push(`${sdk.label}: unknown variation names returned`);
  if (problems.length > 0) {
    throw new Error(
      `verification failed (the SDKs would not do the same work):\n  ${problems.join("\n  ")}`,
    );
  }
  return checks;
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

/** Largest absolute gap between observed and configured shares in `checks`. */
export function worstGap(checks: ExperimentCheck[]): number {
  let worst = 0;
  for (const c of checks) {
    for (const v of c.variations) worst = Math.max(worst, Math.abs(v.observed - v.expected));
  }
  return worst;
}
