import type { Scenario } from "../scenario/model";

/** What a timed loop asks of an SDK: a decision only, or a decision that queues an impression event. */
export type Mode = "decide" | "activate";

/** Variation index by name ("Original", "Variation 1", ...). */
const VARIATION_INDEX = new Map<string, number>([
  ["Original", 0],
  ["Variation 1", 1],
  ["Variation 2", 2],
  ["Variation 3", 3],
]);

/** Per-experiment counts of each variation returned (and of nulls): what a run did, to compare across SDKs. */
export class Tally {
  readonly counts: Int32Array;
  readonly nulls: Int32Array;
  /** Results that are neither null nor a known variation name (must stay 0). */
  unknown = 0;

  constructor(readonly experiments: number) {
    this.counts = new Int32Array(experiments * 4);
    this.nulls = new Int32Array(experiments);
  }

  add(experiment: number, variation: string | null | undefined): void {
    if (variation === null || variation === undefined) {
      this.nulls[experiment]!++;
      return;
    }
    const v = VARIATION_INDEX.get(variation);
    if (v === undefined) this.unknown++;
    else this.counts[experiment * 4 + v]!++;
  }

  /** Users that got a variation. */
  assigned(): number {
    let n = 0;
    for (const c of this.counts) n += c;
    return n;
  }

  /** Same results as `other`? */
  equals(other: Tally): boolean {
    return (
      this.unknown === other.unknown &&
      this.counts.every((c, i) => c === other.counts[i]) &&
      this.nulls.every((c, i) => c === other.nulls[i])
    );
  }
}

/**
 * A client of one SDK configured for one scenario. `run` decides, for each user index `i` in
 * `[from, to)`, the experiment `plan[i]` for the scenario's user `i`, the way an application
 * would call that SDK, and tallies the variation returned. User data is prepared in the SDK's
 * shape beforehand (GrowthBook wants the id inside the attributes), outside the timed loop.
 */
export interface Runner {
  run(plan: Uint8Array, from: number, to: number, tally: Tally): void | Promise<void>;
  /** Stops the client, delivering queued events; resolves with the impression events the (no-op) dispatcher received in all. */
  close(): Promise<number>;
}

/** One SDK in the comparison. */
export interface SdkUnderTest {
  id: "pagesense" | "optimizely" | "growthbook";
  label: string;
  /** Package and version measured. */
  packageName: string;
  version: string;
  /** The calls measured, for the report. */
  calls: Record<Mode, string>;
  /** Creates a client configured for `scenario` (its own datafile format), ready to decide. */
  create(scenario: Scenario, mode: Mode): Promise<Runner>;
}
