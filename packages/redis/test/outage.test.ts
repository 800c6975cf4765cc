import type { PageSenseClient } from "@pagesense/core";
import { RecordingLogger } from "@pagesense/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RedisUserStorage } from "../src";
import { localClient, type Share, settingsOf, sleep } from "./helpers";
import { RedisServer } from "./redisServer";

let server: RedisServer;
const open: Array<{ close(): Promise<void> }> = [];
const HALF: Share[] = [
  ["A", 50],
  ["B", 50],
];
const ALL_A: Share[] = [
  ["A", 100],
  ["B", 0],
];
const ALL_B: Share[] = [
  ["A", 0],
  ["B", 100],
];
const users = (n: number) => Array.from({ length: n }, (_, i) => `user-${i}`);

async function client(shares: Share[], storage: RedisUserStorage, logger = new RecordingLogger()) {
  const c = await localClient(settingsOf(shares), storage, logger);
  open.push(c);
  return c;
}

const activateAll = (c: PageSenseClient, ids: string[]) =>
  Promise.all(ids.map((id) => c.activateExperiment("Exp0", id)));

/** Polls (bounded: 200 × 50 ms) until the storage's connection is ready again. */
async function reconnected(storage: RedisUserStorage): Promise<void> {
  for (let i = 0; i < 200 && !storage.connected; i++) await sleep(50);
  expect(storage.connected).toBe(true);
}

beforeAll(async () => {
  server = await RedisServer.start();
});
afterEach(async () => {
  for (const c of open.splice(0).reverse()) await c.close();
  const redis = server.connect();
  await redis.flushall();
  redis.disconnect();
});
afterAll(async () => {
  await server.close();
});

describe("Redis down or slow", () => {
  it("stopped: every request is answered by bucketing, failures are counted and logged once, and it reconnects by itself", async () => {
    const storage = new RedisUserStorage({ url: server.url, timeout: 200 });
    open.push(storage);
    const logger = new RecordingLogger();
    const before = await client(HALF, storage, logger);
    const first = await activateAll(before, users(50));
    expect(storage.stats.written).toBe(50);

    await server.stop();
    const during = await activateAll(before, users(100));
    expect(during.slice(0, 50)).toEqual(first); // bucketing: same input, same variation
    expect(during.every((name) => name === "Name A" || name === "Name B")).toBe(true);
    expect(storage.stats.failures).toBe(100);
    expect(storage.stats.written).toBe(50);
    // Core counts every failure and logs the outage once.
    expect(before.getStats().storageErrors).toBe(100);
    expect(logger.texts().filter((line) => line.startsWith("ERROR"))).toEqual([
      expect.stringMatching(/^ERROR user storage lookup for user "user-\d+" failed: Redis lookup/),
    ]);

    await server.start(); // a fresh, empty Redis on the same port
    await reconnected(storage);
    expect(await activateAll(before, users(50))).toEqual(first);
    expect(storage.stats.written).toBe(100); // stored again after the restart
    expect(logger.texts().filter((line) => line.includes("recovered"))).toEqual([
      "INFO user storage recovered after 100 failures",
    ]);
    // Stickiness is back: other settings still serve what is stored.
    const after = await client(ALL_B, storage);
    expect(await activateAll(after, users(50))).toEqual(first);
  });

  it("frozen: lookups time out, nothing is saved, and stored assignments survive the outage", async () => {
    const storage = new RedisUserStorage({ url: server.url, timeout: 100 });
    open.push(storage);
    const allA = await client(ALL_A, storage);
    expect(new Set(await activateAll(allA, users(20)))).toEqual(new Set(["Name A"]));

    const logger = new RecordingLogger();
    const allB = await client(ALL_B, storage, logger);
    server.pause();
    try {
      // Lookups time out: bucketing answers B, and (the lookup having failed) B is not saved.
      expect(new Set(await activateAll(allB, users(20)))).toEqual(new Set(["Name B"]));
      expect(storage.stats.failures).toBe(20);
      // Silent for 1 s with calls waiting: the connection is dropped, and calls fail at once.
      for (let i = 0; i < 200 && storage.connected; i++) await sleep(50);
      expect(storage.connected).toBe(false);
      await expect(storage.lookup("user-0")).rejects.toThrow(/not connected/);
      expect(new Set(await activateAll(allB, users(20)))).toEqual(new Set(["Name B"]));
      expect(storage.stats.failures).toBe(41);
    } finally {
      server.resume();
    }
    expect(allB.getStats().storageErrors).toBe(40);
    expect(logger.texts().filter((line) => line.startsWith("ERROR"))).toEqual([
      expect.stringMatching(/failed: Redis lookup timed out after 100 ms$/),
    ]);
    await reconnected(storage);
    expect(new Set(await activateAll(allB, users(20)))).toEqual(new Set(["Name A"]));
    expect(storage.stats.written).toBe(20);
    expect(logger.texts().at(-1)).toBe("INFO user storage recovered after 40 failures");
  });
});
