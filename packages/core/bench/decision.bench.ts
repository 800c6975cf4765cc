import { bench, describe } from "vitest";
import { createClient, MemoryEventSink } from "../src/index";
import { type BenchCall, generateSettings, qualifiedPool } from "./project";

/**
 * Decision throughput over a generated project (50 experiments, 2–4 variations, partial traffic,
 * nested AND/OR audiences of 3–6 conditions). Each benchmark iteration runs OPS awaited calls over
 * a rotating pool of precomputed users, half of whom qualify for a variation:
 * ns per operation = mean iteration time / OPS.
 */
const OPS = 1000;
const POOL = 4096;

const sink = new MemoryEventSink();
const client = await createClient({
  settings: generateSettings() as never,
  logLevel: "ERROR",
  eventSink: sink,
});
const pool: BenchCall[] = await qualifiedPool(
  POOL,
  async (c) => (await client.getVariationName(c.experimentName, c.userId, c.attributes)) !== null,
);

let next = 0;

describe(`decisions (${OPS} operations per iteration)`, () => {
  bench(
    `getVariationName ×${OPS}`,
    async () => {
      for (let i = 0; i < OPS; i++) {
        const c = pool[next]!;
        next = (next + 1) % POOL;
        await client.getVariationName(c.experimentName, c.userId, c.attributes);
      }
    },
    { time: 2000, warmupTime: 500 },
  );

  bench(
    `activateExperiment ×${OPS}`,
    async () => {
      for (let i = 0; i < OPS; i++) {
        const c = pool[next]!;
        next = (next + 1) % POOL;
        await client.activateExperiment(c.experimentName, c.userId, c.attributes);
      }
      // Keep memory flat: the sink would otherwise hold every visit of the run.
      sink.events.length = 0;
    },
    { time: 2000, warmupTime: 500 },
  );
});
