/**
 * `pnpm --filter @pagesense/bench bench:styles`: which way of calling each peer SDK is fastest
 * (the comparison uses the fastest). Optimizely: `decide` on a user context vs the Full Stack
 * `getVariation` / `activate`; GrowthBook: `GrowthBookClient` calls with a user context vs a
 * scoped instance per user. Same scenario, verification-free (the comparison verifies), interleaved
 * rounds, medians; prints a markdown table.
 */
import { timeAll, type Workload } from "./measure/timing";
import { firstExperiments, generateScenario } from "./scenario/generate";
import type { Scenario } from "./scenario/model";
import { growthBookSdk } from "./sdks/growthbook";
import { optimizelySdk } from "./sdks/optimizely";
import type { SdkUnderTest } from "./sdks/types";

const USERS = Number(process.env.BENCH_USERS) || 50_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 5;

async function main(): Promise<void> {
  const fifty = generateScenario({ experiments: 50, users: USERS });
  const scenarios = new Map<number, Scenario>([
    [1, firstExperiments(fifty, 1)],
    [50, fifty],
  ]);
  const plan = (e: number) => new Uint8Array(USERS).map((_, i) => i % e);
  const workloads: Workload[] = [
    { id: "decision, 1 experiment", mode: "decide", experiments: 1, plan: plan(1) },
    { id: "decision, 50 experiments", mode: "decide", experiments: 50, plan: plan(50) },
    { id: "activation, 1 experiment", mode: "activate", experiments: 1, plan: plan(1) },
    { id: "activation, 50 experiments", mode: "activate", experiments: 50, plan: plan(50) },
  ];
  const sdks: SdkUnderTest[] = [
    optimizelySdk("decide"),
    optimizelySdk("legacy"),
    growthBookSdk("client"),
    growthBookSdk("scoped"),
  ];
  const timings = await timeAll(sdks, scenarios, workloads, ROUNDS);
  const names = [
    "Optimizely decide()",
    "Optimizely getVariation/activate",
    "GrowthBook client + user context",
    "GrowthBook scoped instance",
  ];
  const lines = [
    `| ns per call (median of ${ROUNDS}) | ${names.join(" | ")} |`,
    `|---|${names.map(() => "---:").join("|")}|`,
  ];
  for (const w of workloads) {
    const row = timings.get(w.id)!;
    lines.push(`| ${w.id} | ${sdks.map((s) => Math.round(row.get(s)!.median)).join(" | ")} |`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
