/**
 * `pnpm bench` (soak part): 1 000 000 activations with unique user ids and 200 000 goal calls
 * through the real delivery queue of a `@pagesense/node` client (its node:http transport; what a
 * server runs) created with `baseUrl` pointing at the fake
 * PageSense server (in a child process), then `close()`. Reports throughput, requests, events
 * lost (queued vs received; must be 0), drops (must be 0) and heap (must be flat). Exits non-zero
 * when a check fails. Writes bench/results/soak.json. SOAK_DECISIONS and SOAK_CONCURRENCY
 * (`maxConcurrentRequests`) change the run; the heap after close is measured once idle keep-alive
 * connections have timed out (SOAK_SETTLE_MS, default 5 000).
 */
import { fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@pagesense/node";
import { heapAfterGc, tick } from "./measure/stats";
import { machine } from "./report/machine";
import { generateScenario } from "./scenario/generate";
import { pageSenseSettings } from "./sdks/pagesense";
import type { FromServer, ServerCounts, ToServer } from "./soak/protocol";

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const DECISIONS = env("SOAK_DECISIONS", 1_000_000);
/** One goal call every GOAL_EVERY decisions (200 000 goals for 1 000 000 decisions). */
const GOAL_EVERY = 5;
/** The default queue bound; the producer paces itself against it (see README). */
const MAX_QUEUE = 10_000;
/** Decisions between two turns of the event loop, as a server between requests. */
const YIELD_EVERY = 100;
/** Heap growth tolerated between start and after close, bytes. */
const FLAT_HEAP = 4 * 1024 * 1024;

const log = (message: string) => process.stderr.write(`[soak] ${message}\n`);
const here = dirname(fileURLToPath(import.meta.url));

function startServer() {
  const child = fork(resolve(here, "soak/serverProcess.js"), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const waiters: Array<(m: FromServer) => void> = [];
  child.on("message", (m: FromServer) => waiters.shift()?.(m));
  const ask = (message: ToServer) =>
    new Promise<FromServer>((resolveAnswer, reject) => {
      waiters.push(resolveAnswer);
      child.send(message);
      child.once("exit", (code) => reject(new Error(`server process exited (${code})`)));
    });
  return { child, ask };
}

async function main(): Promise<void> {
  const host = machine();
  log(`${host.cpu}, ${host.nproc} CPUs, node ${host.node}, load ${host.loadAverage.toFixed(2)}`);
  const scenario = generateScenario({ experiments: 50, users: 20_000 });
  const settings = pageSenseSettings(scenario);
  const server = startServer();
  const started = await server.ask({
    type: "start",
    settings,
    sdkKey: "sdk-bench",
    projectName: "Bench",
  });
  if (started.type !== "started") throw new Error("server did not start");

  const client = await createClient({
    accountId: "bench-US",
    sdkKey: "sdk-bench",
    projectName: "Bench",
    baseUrl: started.url,
    maxQueueSize: MAX_QUEUE,
    logLevel: "WARNING",
    unrefTimers: true,
    handleSignals: false,
    ...(process.env.SOAK_CONCURRENCY && {
      maxConcurrentRequests: Number(process.env.SOAK_CONCURRENCY),
    }),
  });
  if (!client.isReady()) throw new Error("client did not load settings from the fake server");
  const names = scenario.experiments.map((e) => e.name);
  const attributes = scenario.users.map((u) => u.attributes);

  const heapStart = heapAfterGc();
  const heapSamples: Array<{ decisions: number; heapUsed: number }> = [
    { decisions: 0, heapUsed: heapStart },
  ];
  let visitsReturned = 0;
  let goalCalls = 0;
  let flushWaits = 0;
  const t0 = performance.now();
  for (let i = 0; i < DECISIONS; i++) {
    const userId = `soak-${i.toString(36)}-${(i * 2654435761) >>> 0}`;
    const attrs = attributes[i % attributes.length]!;
    const name = names[i % names.length]!;
    if ((await client.activateExperiment(name, userId, attrs)) !== null) visitsReturned++;
    if (i % GOAL_EVERY === 0) {
      await client.trackGoal(name, userId, scenario.goal, attrs);
      goalCalls++;
    }
    if (i % YIELD_EVERY === YIELD_EVERY - 1) {
      await tick();
      if (client.getStats().eventsPending > MAX_QUEUE / 2) {
        flushWaits++;
        await client.flush();
      }
    }
    if ((i + 1) % 100_000 === 0) {
      heapSamples.push({ decisions: i + 1, heapUsed: heapAfterGc() });
      log(`${i + 1} decisions, ${client.getStats().eventsQueued} events queued`);
    }
  }
  const loopSeconds = (performance.now() - t0) / 1000;
  const heapAfterRun = heapAfterGc();
  await client.close();
  const totalSeconds = (performance.now() - t0) / 1000;
  // Idle keep-alive connections of the platform's fetch close after its keep-alive timeout (4 s
  // in Node's undici), and objects freed with them go at the next collection: wait that long.
  await new Promise((r) => setTimeout(r, Number(process.env.SOAK_SETTLE_MS ?? 5000)));
  const heapAfterClose = heapAfterGc();
  const stopped = await server.ask({ type: "stop" });
  const counts: ServerCounts = stopped.type === "stopped" ? stopped.counts : (undefined as never);
  const stats = client.getStats();
  const received = counts.visits + counts.goals;

  const result = {
    date: new Date().toISOString(),
    machine: host,
    delivery: {
      maxQueueSize: MAX_QUEUE,
      batchSize: 100,
      flushInterval: 1000,
      pacing: `yield every ${YIELD_EVERY} decisions; await flush() when more than ${MAX_QUEUE / 2} events are pending`,
    },
    decisions: DECISIONS,
    goalCalls,
    visitsReturned,
    seconds: { loop: loopSeconds, total: totalSeconds },
    decisionsPerSecond: DECISIONS / loopSeconds,
    eventsPerSecond: received / totalSeconds,
    client: stats,
    server: counts,
    eventsLost: stats.eventsQueued - received,
    flushWaits,
    heap: {
      start: heapStart,
      afterRun: heapAfterRun,
      afterClose: heapAfterClose,
      growthAfterRun: heapAfterRun - heapStart,
      growthAfterClose: heapAfterClose - heapStart,
      samples: heapSamples,
    },
  };
  const out = process.env.SOAK_OUT ?? resolve(here, "../results/soak.json");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);

  const failures: string[] = [];
  if (result.eventsLost !== 0) failures.push(`${result.eventsLost} events queued but not received`);
  if (stats.eventsDropped !== 0) failures.push(`${stats.eventsDropped} events dropped`);
  if (stats.eventsPending !== 0)
    failures.push(`${stats.eventsPending} events still pending after close()`);
  if (counts.rejectedRequests !== 0)
    failures.push(`${counts.rejectedRequests} requests rejected by the server`);
  if (counts.duplicateVisits !== 0)
    failures.push(`${counts.duplicateVisits} visits delivered twice`);
  if (counts.visits !== visitsReturned)
    failures.push(
      `server got ${counts.visits} visits, activate returned ${visitsReturned} variations`,
    );
  if (result.heap.growthAfterClose > FLAT_HEAP)
    failures.push(`heap grew by ${mb(result.heap.growthAfterClose)} (limit ${mb(FLAT_HEAP)})`);

  const mbSigned = (b: number) => `${b >= 0 ? "+" : ""}${mb(b)}`;
  process.stdout.write(
    [
      "| soak (PageSense, real delivery queue → fake server on 127.0.0.1) | value |",
      "|---|---:|",
      `| decisions (activateExperiment, unique user ids) | ${DECISIONS.toLocaleString("en-US")} in ${loopSeconds.toFixed(1)} s = ${Math.round(result.decisionsPerSecond).toLocaleString("en-US")}/s |`,
      `| goal calls (trackGoal) | ${goalCalls.toLocaleString("en-US")} |`,
      `| events queued / received by the server | ${stats.eventsQueued.toLocaleString("en-US")} / ${received.toLocaleString("en-US")} (${counts.visits.toLocaleString("en-US")} visits, ${counts.goals.toLocaleString("en-US")} goals) |`,
      `| events delivered per second (until close() returned) | ${Math.round(result.eventsPerSecond).toLocaleString("en-US")}/s |`,
      `| requests sent / received | ${stats.requestsSent.toLocaleString("en-US")} / ${counts.eventRequests.toLocaleString("en-US")} (retries: ${stats.eventsRetried}) |`,
      `| events lost / dropped | ${result.eventsLost} / ${stats.eventsDropped} |`,
      `| heapUsed after GC: start → after run → after close | ${mb(heapStart)} → ${mbSigned(result.heap.growthAfterRun)} → ${mbSigned(result.heap.growthAfterClose)} |`,
      "",
    ].join("\n"),
  );
  if (failures.length > 0) {
    log(`FAILED: ${failures.join("; ")}`);
    process.exitCode = 1;
  } else log("passed: nothing lost, nothing dropped, heap flat");
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

main().catch((error: unknown) => {
  process.stderr.write(
    `[soak] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
