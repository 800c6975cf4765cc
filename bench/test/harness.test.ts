import { describe, expect, it } from "vitest";
import { measureHeap } from "../src/measure/heap";
import { timeAll, type Workload } from "../src/measure/timing";
import { markdownTable } from "../src/report/table";
import { firstExperiments, generateScenario } from "../src/scenario/generate";
import type { Scenario } from "../src/scenario/model";
import { growthBookSdk } from "../src/sdks/growthbook";
import { optimizelySdk } from "../src/sdks/optimizely";
import { pageSense } from "../src/sdks/pagesense";
import type { SdkUnderTest } from "../src/sdks/types";

const fifty = generateScenario({ experiments: 50, users: 20_000, seed: 3 });
const scenarios = new Map<number, Scenario>([
  [1, firstExperiments(fifty, 1)],
  [50, fifty],
]);
const plan = (e: number) => new Uint8Array(2_000).map((_, i) => i % e);

describe("timeAll", () => {
  it("times every SDK on every workload and checks the impressions delivered", async () => {
    const sdks = [pageSense, optimizelySdk("legacy"), growthBookSdk("client")];
    const workloads: Workload[] = [
      { id: "decide-50", mode: "decide", experiments: 50, plan: plan(50) },
      { id: "activate-1", mode: "activate", experiments: 1, plan: plan(1) },
    ];
    const timings = await timeAll(sdks, scenarios, workloads, 2);
    for (const w of workloads) {
      for (const sdk of sdks) {
        const t = timings.get(w.id)!.get(sdk)!;
        expect(t.rounds).toHaveLength(2);
        expect(t.median).toBeGreaterThan(0);
      }
    }
  });

  it("fails when a run returns other variations than the warm-up", async () => {
    let runs = 0;
    const flaky: SdkUnderTest = {
      ...pageSense,
      label: "flaky",
      async create() {
        return {
          run(p, from, to, tally) {
            runs++;
            for (let i = from; i < to; i++) tally.add(p[i]!, runs === 1 ? "Original" : null);
          },
          close: async () => 0,
        };
      },
    };
    const workloads: Workload[] = [
      { id: "decide-1", mode: "decide", experiments: 1, plan: plan(1) },
    ];
    await expect(timeAll([flaky], scenarios, workloads, 1)).rejects.toThrow(/other variations/);
  });

  it("fails when activations did not deliver one impression per assigned user", async () => {
    const silent: SdkUnderTest = {
      ...pageSense,
      label: "silent",
      async create(s, mode) {
        const real = await pageSense.create(s, mode);
        return { run: real.run, close: async () => (await real.close()) - 1 };
      },
    };
    const workloads: Workload[] = [
      { id: "activate-1", mode: "activate", experiments: 1, plan: plan(1) },
    ];
    await expect(timeAll([silent], scenarios, workloads, 1)).rejects.toThrow(/impression events/);
  });
});

describe("measureHeap", () => {
  it("reports per-client heap and growth after users", async () => {
    const small = { ...fifty, users: fifty.users.slice(0, 5_000) };
    const heap = await measureHeap(pageSense, small, 2);
    expect(heap.perClient).toBeGreaterThan(10_000);
    expect(Number.isFinite(heap.afterUsers)).toBe(true);
  });
});

describe("markdownTable", () => {
  it("prints ours first and the peers with their ratio to ours", () => {
    const table = markdownTable(
      [
        {
          metric: "decision",
          unit: "ns",
          values: { pagesense: 500, optimizely: 5000, growthbook: 1700 },
        },
        {
          metric: "bundle",
          unit: "bytes",
          values: { pagesense: 10_240, optimizely: 30_720, growthbook: 15_360 },
        },
        {
          metric: "growth",
          unit: "bytes",
          values: { pagesense: 2_048, optimizely: -1_024, growthbook: 0 },
          ratios: false,
        },
      ],
      { pagesense: "ours", optimizely: "Optimizely", growthbook: "GrowthBook" },
    );
    const lines = table.split("\n");
    expect(lines[0]).toBe("| metric (lower is better) | ours | Optimizely | GrowthBook |");
    expect(lines[2]).toBe("| decision | 500 ns | 5.00 µs (×10.0) | 1.70 µs (×3.4) |");
    expect(lines[3]).toBe("| bundle | 10.0 KB | 30.0 KB (×3.0) | 15.0 KB (×1.5) |");
    expect(lines[4]).toBe("| growth | 2.0 KB | -1.0 KB | 0.0 KB |");
  });
});
