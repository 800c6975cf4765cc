/**
 * `pnpm bench` (comparison part): PageSense vs Optimizely vs GrowthBook on one deterministic
 * scenario. Verifies that every SDK does the same work, then times decisions and activations
 * (interleaved rounds, medians), measures heap, and bundles a minimal page per SDK. Prints one
 * markdown table; writes everything to bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { creationRows } from "./creationRows";
import { bundleSize, pages } from "./measure/bundle";
import { type HeapFigures, measureHeap } from "./measure/heap";
import { timeAll, type Workload } from "./measure/timing";
import { machine } from "./report/machine";
import { markdownTable, type Row } from "./report/table";
import { conditionCount, firstExperiments, generateScenario } from "./scenario/generate";
import type { Scenario } from "./scenario/model";
import { growthBookSdk } from "./sdks/growthbook";
import { optimizelySdk } from "./sdks/optimizely";
import { pageSense } from "./sdks/pagesense";
import type { SdkUnderTest } from "./sdks/types";
import { verify, worstGap } from "./verify";

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const USERS = env("BENCH_USERS", 200_000);
const ROUNDS = env("BENCH_ROUNDS", 7);
const CLIENTS = env("BENCH_CLIENTS", 10);
const SEED = env("BENCH_SEED", 20_240_601);
const CREATE_CLIENTS = env("BENCH_CREATE_CLIENTS", 2_000);

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main(): Promise<void> {
  const host = machine();
  log(`${host.cpu}, ${host.nproc} CPUs, node ${host.node}, load ${host.loadAverage.toFixed(2)}`);
  const started = Date.now();
  const fifty = generateScenario({ experiments: 50, users: USERS, seed: SEED });
  const one = firstExperiments(fifty, 1);
  const scenarios = new Map<number, Scenario>([
    [1, one],
    [50, fifty],
  ]);
  log(`scenario: ${USERS} users, 50 experiments (seed ${SEED}) in ${Date.now() - started} ms`);

  // The fastest correct call style of each peer (see README; `pnpm --filter @pagesense/bench bench:styles`).
  const sdks: SdkUnderTest[] = [pageSense, optimizelySdk("legacy"), growthBookSdk("client")];

  const plan = (experiments: number) => new Uint8Array(USERS).map((_, i) => i % experiments);
  const plans = new Map([
    [1, plan(1)],
    [50, plan(50)],
  ]);
  const verification: Record<string, Record<string, unknown>> = {};
  for (const sdk of sdks) {
    for (const [count, scenario] of scenarios) {
      const t = Date.now();
      const checks = await verify(sdk, scenario, plans.get(count)!);
      log(
        `verified ${sdk.label} on ${count} experiment(s): worst share gap ${(worstGap(checks) * 100).toFixed(2)}% (${Date.now() - t} ms)`,
      );
      verification[sdk.id] ??= {};
      verification[sdk.id]![`experiments${count}`] = { worstGap: worstGap(checks), checks };
    }
  }

  const workloads: Workload[] = [
    { id: "decide-1", mode: "decide", experiments: 1, plan: plans.get(1)! },
    { id: "decide-50", mode: "decide", experiments: 50, plan: plans.get(50)! },
    { id: "activate-1", mode: "activate", experiments: 1, plan: plans.get(1)! },
    { id: "activate-50", mode: "activate", experiments: 50, plan: plans.get(50)! },
  ];
  const timings = await timeAll(sdks, scenarios, workloads, ROUNDS, (r) =>
    log(`round ${r + 1}/${ROUNDS}`),
  );

  const heap = {} as Record<SdkUnderTest["id"], HeapFigures>;
  for (const sdk of sdks) {
    heap[sdk.id] = await measureHeap(sdk, fifty, CLIENTS);
    log(`heap ${sdk.label}: ${JSON.stringify(heap[sdk.id])}`);
  }

  const creation = await creationRows(scenarios, CREATE_CLIENTS, ROUNDS, log);

  const pageList = pages();
  const bundles = {
    pagesense: await bundleSize(pageList.pagesense),
    optimizely: await bundleSize(pageList.optimizely),
    growthbook: await bundleSize(pageList.growthbook),
  };

  const per = <T>(f: (id: SdkUnderTest["id"]) => T) => ({
    pagesense: f("pagesense"),
    optimizely: f("optimizely"),
    growthbook: f("growthbook"),
  });
  const byId = Object.fromEntries(sdks.map((s) => [s.id, s])) as Record<
    SdkUnderTest["id"],
    SdkUnderTest
  >;
  const time = (id: string) => per((sdk) => timings.get(id)!.get(byId[sdk])!.median);
  const rows: Row[] = [
    { metric: "decision, 1 experiment, no event (per call)", unit: "ns", values: time("decide-1") },
    { metric: "decision, 50-experiment project, no event", unit: "ns", values: time("decide-50") },
    {
      metric: "activation + impression queued, 1 experiment",
      unit: "ns",
      values: time("activate-1"),
    },
    {
      metric: "activation + impression queued, 50-experiment project",
      unit: "ns",
      values: time("activate-50"),
    },
    {
      metric: "heap per client (50-experiment project)",
      unit: "bytes",
      values: per((s) => heap[s].perClient),
    },
    {
      metric: `heap growth after ${USERS.toLocaleString("en-US")} unique users (±0.3 MB is GC noise)`,
      unit: "bytes",
      values: per((s) => heap[s].afterUsers),
      ratios: false,
    },
    {
      metric: "browser page bundle, min+gzip",
      unit: "bytes",
      values: per((s) => bundles[s].gzipped),
    },
  ];
  rows.push(...creation.rows);
  const table = markdownTable(rows, {
    pagesense: `ours (${byId.pagesense.packageName}${bundles.pagesense.packageName !== byId.pagesense.packageName ? `; page: ${bundles.pagesense.packageName}` : ""})`,
    optimizely: `Optimizely ${byId.optimizely.version}`,
    growthbook: `GrowthBook ${byId.growthbook.version}`,
  });

  const result = {
    date: new Date().toISOString(),
    machine: { ...host, loadAverageAtEnd: machine().loadAverage },
    durationSeconds: Math.round((Date.now() - started) / 1000),
    settings: { users: USERS, rounds: ROUNDS, clientsForHeap: CLIENTS, seed: SEED },
    scenario: {
      experiments: fifty.experiments.map((e) => ({
        key: e.key,
        traffic: e.traffic,
        variations: e.variations,
        conditions: conditionCount(e),
        audiences: e.audiences.length,
        qualifyingShare: e.qualifyingShare,
      })),
    },
    sdks: sdks.map((s) => ({
      id: s.id,
      label: s.label,
      package: s.packageName,
      version: s.version,
      calls: s.calls,
    })),
    rows,
    timings: Object.fromEntries(
      [...timings].map(([k, v]) => [k, Object.fromEntries([...v].map(([sdk, t]) => [sdk.id, t]))]),
    ),
    heap,
    creation: { clients: CREATE_CLIENTS, results: creation.results, compileNs: creation.compileNs },
    bundles,
    verification,
    table,
  };
  const out = resolve(dirname(fileURLToPath(import.meta.url)), "../results/latest.json");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`done in ${result.durationSeconds} s; details in ${join("bench", "results", "latest.json")}`);
  process.stdout.write(`${table}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[bench] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
