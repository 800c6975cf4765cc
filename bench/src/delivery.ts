/**
 * `pnpm bench` (delivery part): event delivery through `@pagesense/node` against a collector run
 * as its own process on 127.0.0.1 (answers after a delay, fails on demand). Prints one table:
 * (a) 5,000 new users/s at 100 ms latency, (b) an outage (503, then connection refused) at 1,000
 * events/s with maxQueueSize 100,000, (c) close() with 10,000 queued at 100 ms, (d) loopback
 * without delay, and (e) client CPU per request by HTTP client. BENCH_SECONDS (default 60) sets
 * the length of (a) and (b); BENCH_PARTS (default "abcde") picks parts. Writes bench/results/delivery.json; exits non-zero when a check fails.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type CloseHooksClient, createClient, type NodeClientOptions } from "@pagesense/node";
import { exampleSettings } from "@pagesense/testing";
import { Collector } from "./delivery/collector";
import { benchUserId, type CollectorCounts } from "./delivery/protocol";
import { transportCosts } from "./delivery/transportCost";
import { heapAfterGc } from "./measure/stats";
import { machine } from "./report/machine";

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const SECONDS = env("BENCH_SECONDS", 60);
const DELAY = env("BENCH_DELAY_MS", 100);
const CHROME = { Browser: "Chrome" };
const here = dirname(fileURLToPath(import.meta.url));
const log = (message: string) => process.stderr.write(`[delivery] ${message}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const n0 = (v: number) => Math.round(v).toLocaleString("en-US");

let users = 0;

/**
 * Events neither delivered nor counted (dropped or in doubt). Negative: events counted as dropped
 * had arrived after all (an attempt reached the collector but its answer did not reach the client:
 * at-least-once); reported as 0 lost plus that count.
 */
function lostText(lost: number): string {
  return lost >= 0 ? `lost ${lost}` : `lost 0 (${-lost} counted as dropped had arrived)`;
}

async function client(collector: Collector, options: Partial<NodeClientOptions> = {}) {
  return createClient({
    settings: exampleSettings(),
    baseUrl: collector.url,
    logLevel: "OFF",
    handleSignals: false,
    ...options,
  });
}

/** Activates one new user (one visit event); the user id carries the activation time. */
async function newUser(c: CloseHooksClient): Promise<void> {
  await c.activateExperiment("PricingTest", benchUserId(users++, Date.now()), CHROME);
}

/** New users at `perSecond` for `seconds`, in 10 ms steps; returns when the last is activated. */
async function produce(
  c: CloseHooksClient,
  perSecond: number,
  seconds: number,
  onSecond?: (s: number) => Promise<void>,
) {
  const start = performance.now();
  let made = 0;
  let second = 0;
  while (performance.now() - start < seconds * 1000) {
    const due = Math.floor(((performance.now() - start) / 1000) * perSecond);
    while (made < due) {
      await newUser(c);
      made++;
    }
    const s = Math.floor((performance.now() - start) / 1000);
    if (s > second) {
      second = s;
      await onSecond?.(s);
    }
    await sleep(10);
  }
  return made;
}

interface Row {
  scenario: string;
  figures: string;
  ok: boolean;
}

/** (a) 5,000 new users/s at DELAY ms for SECONDS s, then close(). */
async function steadyLoad(collector: Collector): Promise<Row & { data: unknown }> {
  await collector.delay(DELAY);
  await collector.counts(true);
  const c = await client(collector);
  const heapStart = heapAfterGc();
  let heapPeak = heapStart;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const made = await produce(c, 5000, SECONDS, async (s) => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    if (s % 10 === 0) log(`(a) ${s} s: ${JSON.stringify(c.getStats()).slice(0, 160)}`);
  });
  await c.close();
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  const heapEnd = heapAfterGc();
  const stats = c.getStats();
  const counts = await collector.counts(true);
  const lost = made - counts.users - stats.eventsDropped - stats.eventsInDoubt;
  const data = {
    made,
    seconds,
    stats,
    counts,
    heapStart,
    heapPeak,
    heapEnd,
    cpuMicros: used.user + used.system,
  };
  const cpuPerEvent = (used.user + used.system) / Math.max(1, counts.events);
  return {
    scenario: `(a) 5,000 new users/s for ${SECONDS} s, collector ${DELAY} ms away`,
    figures: `${n0(counts.events / seconds)} events/s delivered (${n0(counts.events)} of ${n0(stats.eventsQueued)}); dropped ${stats.eventsDropped}, ${lostText(lost)}, duplicates ${counts.duplicates}; activation→delivery p50 ${counts.latencyP50} ms, p99 ${counts.latencyP99} ms; heap ${mb(heapStart)} → peak ${mb(heapPeak)} → ${mb(heapEnd)} after close; client CPU ${cpuPerEvent.toFixed(0)} µs per delivered event (decision included)`,
    ok: stats.eventsDropped === 0 && lost <= 0,
    data,
  };
}

/** (b) 1,000 events/s through an outage: SECONDS/2 of 503, SECONDS/2 refused, then recovery. */
async function outage(collector: Collector): Promise<Row & { data: unknown }> {
  await collector.delay(DELAY);
  await collector.counts(true);
  const c = await client(collector, { maxQueueSize: 100_000 });
  await collector.mode("503");
  const half = SECONDS / 2;
  const made = await produce(c, 1000, SECONDS, async (s) => {
    if (s === Math.floor(half)) await collector.mode("refuse");
    if (s % 10 === 0) log(`(b) ${s} s: pending ${c.getStats().eventsPending}`);
  });
  await collector.mode("ok");
  const backAt = performance.now();
  const heldAtRecovery = c.getStats().eventsPending;
  while (c.getStats().eventsPending > 0 && performance.now() - backAt < 120_000) await sleep(100);
  const recoverySeconds = (performance.now() - backAt) / 1000;
  await c.close();
  const stats = c.getStats();
  const counts = await collector.counts(true);
  const lost = made - counts.users - stats.eventsDropped - stats.eventsInDoubt;
  return {
    scenario: `(b) outage at 1,000 events/s: ${half} s of 503, ${half} s refused; maxQueueSize 100,000`,
    figures: `${n0(made)} activated, ${n0(heldAtRecovery)} held at recovery, all delivered ${recoverySeconds.toFixed(1)} s after the collector was back; dropped ${stats.eventsDropped}, ${lostText(lost)}, duplicates ${counts.duplicates}; ${n0(stats.requestsSent)} requests sent`,
    ok: stats.eventsDropped === 0 && lost <= 0,
    data: { made, heldAtRecovery, recoverySeconds, stats, counts },
  };
}

/** (c) close() with 10,000 events queued, collector DELAY ms away. */
async function closeQueued(collector: Collector): Promise<Row & { data: unknown }> {
  await collector.delay(DELAY);
  await collector.counts(true);
  const c = await client(collector, { flushInterval: 60_000, batchSize: 100_000 });
  for (let i = 0; i < 10_000; i++) await newUser(c);
  const queued = c.getStats().eventsPending;
  const t0 = performance.now();
  await c.close();
  const ms = performance.now() - t0;
  const stats = c.getStats();
  const counts = await collector.counts(true);
  return {
    scenario: `(c) close() with ${n0(queued)} events queued, collector ${DELAY} ms away`,
    figures: `done in ${n0(ms)} ms (closeTimeout 10,000); delivered ${n0(counts.events)}, dropped ${stats.eventsDropped}, in doubt ${stats.eventsInDoubt}`,
    ok: stats.eventsDropped === 0 && counts.users === 10_000 && ms < 10_000,
    data: { ms, stats, counts },
  };
}

/** (d) loopback, no delay: as many new users as the client takes, then close(). */
async function loopback(collector: Collector): Promise<Row & { data: unknown }> {
  await collector.delay(0);
  await collector.counts(true);
  const total = Math.round(100_000 * Math.min(1, SECONDS / 60)) || 20_000;
  const c = await client(collector);
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    await newUser(c);
    if (i % 100 === 99) {
      await new Promise((r) => setImmediate(r));
      while (c.getStats().eventsPending > 5_000) await sleep(1);
    }
  }
  await c.close();
  const seconds = (performance.now() - t0) / 1000;
  const stats = c.getStats();
  const counts: CollectorCounts = await collector.counts(true);
  const perSecond = counts.events / seconds;
  return {
    scenario: `(d) loopback, no delay: ${n0(total)} new users, then close()`,
    figures: `${n0(perSecond)} events/s end to end (target ≥ 5,000, aim 20,000); dropped ${stats.eventsDropped}, ${lostText(total - counts.users - stats.eventsDropped - stats.eventsInDoubt)}`,
    ok: perSecond >= 5000 && stats.eventsDropped === 0,
    data: { total, seconds, stats, counts },
  };
}

async function main(): Promise<void> {
  const host = machine();
  log(
    `${host.cpu}, ${host.nproc} CPUs, node ${host.node}, load ${host.loadAverage.toFixed(2)}; BENCH_SECONDS=${SECONDS}`,
  );
  const collector = await Collector.start(DELAY);
  try {
    const rows: Array<Row & { data: unknown }> = [];
    const parts = (process.env.BENCH_PARTS ?? "abcde").toLowerCase();
    const runs = { a: steadyLoad, b: outage, c: closeQueued, d: loopback };
    for (const [part, run] of Object.entries(runs)) {
      if (!parts.includes(part)) continue;
      const row = await run(collector);
      log(`${row.ok ? "ok" : "FAILED"}: ${row.scenario}: ${row.figures}`);
      rows.push(row);
    }
    const costs = !parts.includes("e")
      ? []
      : await transportCosts(collector, Math.round(20_000 * Math.min(1, SECONDS / 60)) || 5_000);
    const out = process.env.DELIVERY_OUT ?? resolve(here, "../results/delivery.json");
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(
      out,
      `${JSON.stringify({ date: new Date().toISOString(), machine: host, seconds: SECONDS, delayMs: DELAY, rows, costs }, null, 2)}\n`,
    );
    process.stdout.write(
      [
        "| delivery (@pagesense/node → collector process on 127.0.0.1) | result | check |",
        "|---|---|---|",
        ...rows.map((r) => `| ${r.scenario} | ${r.figures} | ${r.ok ? "ok" : "FAILED"} |`),
        ...costs.map(
          (c) =>
            `| (e) client CPU per request: ${c.client} | ${c.cpuMicrosPerRequest.toFixed(0)} µs/request, ${n0(c.requestsPerSecond)} requests/s (64 in flight) | |`,
        ),
        "",
      ].join("\n"),
    );
    if (rows.some((r) => !r.ok)) process.exitCode = 1;
  } finally {
    await collector.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[delivery] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
