/**
 * Decision latency and throughput of `activateExperiment` with RedisUserStorage on loopback,
 * next to no storage and node's FileUserStorage (one file; a folder of per-user files), with 1
 * and 50 experiments; then the memory a user's hash takes in Redis. Run: `pnpm bench` in this
 * package (starts its own redis-server on a free port, like the tests).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createClient,
  type EventSink,
  type PageSenseClient,
  type UserStorage,
} from "@pagesense/core";
import { FileUserStorage } from "@pagesense/node";
import { RedisUserStorage } from "../src";
import { settingsOf } from "../test/helpers";
import { RedisServer } from "../test/redisServer";

const USERS = 200;
const LATENCY_CALLS = 5_000;
const THROUGHPUT_CALLS = 20_000;
const CONCURRENCY = 64;
const NEW_USER_CALLS = 2_000;

/** Drops every event: the benchmark measures decisions, not delivery. */
class NullSink implements EventSink {
  readonly pending = 0;
  enqueue(): void {}
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

interface Row {
  storage: string;
  experiments: number;
  p50: number;
  p99: number;
  perSecond: number;
  newP50: number | null;
}

const userId = (i: number) => `bench-user-${i % USERS}`;
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function measure(
  name: string,
  experiments: number,
  storage: UserStorage | undefined,
): Promise<Row> {
  const client: PageSenseClient = await createClient({
    accountId: "demo-US",
    sdkKey: "sdk-demo",
    projectName: "Shop",
    settings: settingsOf(
      [
        ["A", 50],
        ["B", 50],
      ],
      experiments,
    ) as never,
    pollingInterval: 0,
    eventSink: new NullSink(),
    userStorage: storage,
    logLevel: "ERROR",
  });
  const exp = (i: number) => `Exp${i % experiments}`;
  // Warm-up: every user gets every experiment, so the measured decisions read a full profile.
  for (let u = 0; u < USERS; u++)
    for (let e = 0; e < experiments; e++) await client.activateExperiment(`Exp${e}`, userId(u));

  const times: number[] = [];
  for (let i = 0; i < LATENCY_CALLS; i++) {
    const start = process.hrtime.bigint();
    await client.activateExperiment(exp(i), userId(i * 7));
    times.push(Number(process.hrtime.bigint() - start) / 1e3);
  }
  times.sort((a, b) => a - b);

  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < THROUGHPUT_CALLS) {
        const i = next++;
        await client.activateExperiment(exp(i), userId(i));
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  // A user's first decision: lookup, bucketing and a write.
  const fresh: number[] = [];
  if (storage)
    for (let i = 0; i < NEW_USER_CALLS; i++) {
      const start = process.hrtime.bigint();
      await client.activateExperiment("Exp0", `new-user-${experiments}-${i}`);
      fresh.push(Number(process.hrtime.bigint() - start) / 1e3);
    }
  fresh.sort((a, b) => a - b);
  await client.close();
  return {
    storage: name,
    experiments,
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    perSecond: THROUGHPUT_CALLS / seconds,
    newP50: storage ? quantile(fresh, 0.5) : null,
  };
}

/** MEMORY USAGE of one user's hash holding `n` assignments (UUID-like user id, default prefix). */
async function memoryPerUser(
  server: RedisServer,
  n: number,
): Promise<{ bytes: number; encoding: string }> {
  const redis = server.connect();
  const key = "pagesense:user:3f2b8c1e-9d4a-4e7b-8f21-6c0d5a9e1b74";
  await redis.del(key);
  for (let e = 0; e < n; e++) await redis.hset(key, `Experiment${e}-KEY`, `Variation${e % 3}-KEY`);
  const bytes = Number(await redis.memory("USAGE", key));
  const encoding = String(await redis.object("ENCODING", key));
  redis.disconnect();
  return { bytes, encoding };
}

const server = await RedisServer.start();
const dir = await mkdtemp(join(tmpdir(), "pagesense-redis-bench-"));
const rows: Row[] = [];
try {
  for (const experiments of [1, 50]) {
    rows.push(await measure("none", experiments, undefined));
    const file = new FileUserStorage({ file: join(dir, `users-${experiments}.json`) });
    rows.push(await measure("FileUserStorage (file)", experiments, file));
    await file.idle();
    const folder = new FileUserStorage({ directory: join(dir, `users-${experiments}`) });
    rows.push(await measure("FileUserStorage (directory)", experiments, folder));
    await folder.idle();
    // A roomy timeout: on a busy machine an event-loop stall must not turn into a fallback.
    const redis = new RedisUserStorage({
      url: server.url,
      keyPrefix: `bench${experiments}:`,
      timeout: 1000,
    });
    rows.push(await measure("RedisUserStorage", experiments, redis));
    await redis.close();
  }
  const us = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} µs`;
  console.log("| storage | experiments | p50 | p99 | decisions/s (64 in flight) | new user p50 |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const r of rows)
    console.log(
      `| ${r.storage} | ${r.experiments} | ${us(r.p50)} | ${us(r.p99)} | ${Math.round(r.perSecond).toLocaleString("en")} | ${r.newP50 === null ? "–" : us(r.newP50)} |`,
    );
  console.log("\n| assignments per user | MEMORY USAGE | encoding |");
  console.log("|---:|---:|---|");
  for (const n of [1, 5, 20, 50, 200]) {
    const { bytes, encoding } = await memoryPerUser(server, n);
    console.log(`| ${n} | ${bytes} B | ${encoding} |`);
  }
  console.log(
    `\nNode ${process.version}, redis-server on 127.0.0.1, ${USERS} users, ${LATENCY_CALLS} sequential calls, ${THROUGHPUT_CALLS} calls ${CONCURRENCY} in flight.`,
  );
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
