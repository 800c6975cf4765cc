import type { Scenario } from "../scenario/model";
import type { Mode, Runner, SdkUnderTest } from "../sdks/types";
import { Tally } from "../sdks/types";
import { gc, median, tick } from "./stats";

/** One timed workload: a project, a mode, and which experiment each user decides. */
export interface Workload {
  id: string;
  mode: Mode;
  experiments: number;
  /** plan[i]: the experiment user i decides. */
  plan: Uint8Array;
}

/** Timings of one SDK on one workload. */
export interface Timing {
  /** ns per call, one value per round. */
  rounds: number[];
  median: number;
  min: number;
  max: number;
}

interface Entry {
  sdk: SdkUnderTest;
  workload: Workload;
  runner: Runner;
  expected: Tally;
  /** Full runs made (warm-up included): activations must have produced that many × assigned events. */
  runs: number;
}

/**
 * Times every SDK on every workload: a warm-up run each (whose results become the expected
 * results), then `rounds` rounds; in each round every workload is run by every SDK, one after
 * the other, in an order rotated per round, after a full GC. Each timed run must return exactly
 * the warm-up's results (same users, same variations), and activation runs must have delivered
 * one impression per assigned user to the no-op dispatcher by the end. Reports ns per call
 * (median over rounds).
 */
export async function timeAll(
  sdks: SdkUnderTest[],
  scenarios: Map<number, Scenario>,
  workloads: Workload[],
  rounds: number,
  onRound: (round: number) => void = () => {},
): Promise<Map<string, Map<SdkUnderTest, Timing>>> {
  const entries: Entry[] = [];
  for (const workload of workloads) {
    const scenario = scenarios.get(workload.experiments)!;
    const n = workload.plan.length;
    for (const sdk of sdks) {
      const runner = await sdk.create(scenario, workload.mode);
      const expected = new Tally(workload.experiments);
      await runner.run(workload.plan, 0, n, expected);
      await tick();
      entries.push({ sdk, workload, runner, expected, runs: 1 });
    }
  }
  // Decisions and activations of one SDK on one project must give the same variations.
  for (const a of entries) {
    for (const b of entries) {
      if (
        a.sdk === b.sdk &&
        a.workload.experiments === b.workload.experiments &&
        !a.expected.equals(b.expected)
      ) {
        throw new Error(
          `${a.sdk.label}: ${a.workload.id} and ${b.workload.id} returned different variations`,
        );
      }
    }
  }

  const samples = new Map<Entry, number[]>(entries.map((e) => [e, []]));
  for (let round = 0; round < rounds; round++) {
    onRound(round);
    for (const workload of workloads) {
      const group = entries.filter((e) => e.workload === workload);
      const offset = round % group.length;
      const order = [...group.slice(offset), ...group.slice(0, offset)];
      for (const entry of order) {
        const n = workload.plan.length;
        const tally = new Tally(workload.experiments);
        gc();
        const start = process.hrtime.bigint();
        await entry.runner.run(workload.plan, 0, n, tally);
        const elapsed = Number(process.hrtime.bigint() - start);
        entry.runs++;
        if (!tally.equals(entry.expected)) {
          throw new Error(
            `${entry.sdk.label}: ${workload.id} round ${round} returned other variations than the warm-up`,
          );
        }
        samples.get(entry)!.push(elapsed / n);
        await tick();
      }
    }
  }

  const out = new Map<string, Map<SdkUnderTest, Timing>>();
  for (const entry of entries) {
    const events = await entry.runner.close();
    const expectedEvents =
      entry.workload.mode === "activate" ? entry.expected.assigned() * entry.runs : 0;
    if (events !== expectedEvents) {
      throw new Error(
        `${entry.sdk.label}: ${entry.workload.id} delivered ${events} impression events, expected ${expectedEvents}`,
      );
    }
    const values = samples.get(entry)!;
    let row = out.get(entry.workload.id);
    if (!row) {
      row = new Map();
      out.set(entry.workload.id, row);
    }
    row.set(entry.sdk, {
      rounds: values,
      median: median(values),
      min: Math.min(...values),
      max: Math.max(...values),
    });
  }
  return out;
}
