/**
 * `pnpm --filter @pagesense/bench bench:creation`: only the client-creation rows of the
 * comparison (creating clients from settings in memory; issue 18), printed as a markdown table
 * and written to bench/results/creation.json. `pnpm bench` includes the same rows.
 */
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { creationRows } from "./creationRows";
import { machine } from "./report/machine";
import { markdownTable } from "./report/table";
import { firstExperiments, generateScenario } from "./scenario/generate";
import { growthBookSdk } from "./sdks/growthbook";
import { optimizelySdk } from "./sdks/optimizely";
import { pageSense } from "./sdks/pagesense";

const CLIENTS = Number(process.env.BENCH_CREATE_CLIENTS) || 2_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 7;
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main(): Promise<void> {
  const host = machine();
  log(`${host.cpu}, ${host.nproc} CPUs, node ${host.node}, load ${host.loadAverage.toFixed(2)}`);
  const fifty = generateScenario({ experiments: 50, users: 10 });
  const scenarios = new Map([
    [1, firstExperiments(fifty, 1)],
    [50, fifty],
  ]);
  const { rows, results, compileNs } = await creationRows(scenarios, CLIENTS, ROUNDS, log);
  const table = markdownTable(rows, {
    pagesense: `ours (${pageSense.packageName})`,
    optimizely: `Optimizely ${optimizelySdk("legacy").version}`,
    growthbook: `GrowthBook ${growthBookSdk("client").version}`,
  });
  const out = resolve(dirname(fileURLToPath(import.meta.url)), "../results/creation.json");
  const result = {
    date: new Date().toISOString(),
    machine: host,
    clients: CLIENTS,
    rounds: ROUNDS,
  };
  writeFileSync(
    out,
    `${JSON.stringify({ ...result, results, compileNs, rows, table }, null, 2)}\n`,
  );
  process.stdout.write(`${table}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[bench] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
