import { ConfigurationError, type PageSenseClient } from "@pagesense/core";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RedisStorageError, RedisUserStorage } from "../src";
import { localClient, type Share, settingsOf } from "./helpers";
import { RedisServer } from "./redisServer";

let server: RedisServer;
let redis: Redis;
const open: Array<{ close(): Promise<void> }> = [];

function storage(options: ConstructorParameters<typeof RedisUserStorage>[0] = {}) {
  const s = new RedisUserStorage(options.client ? options : { url: server.url, ...options });
  open.push(s);
  return s;
}

async function client(settings: object, s: RedisUserStorage): Promise<PageSenseClient> {
  const c = await localClient(settings, s);
  open.push(c);
  return c;
}

beforeAll(async () => {
  server = await RedisServer.start();
  redis = server.connect();
});
afterEach(async () => {
  for (const c of open.splice(0).reverse()) await c.close();
  await redis.flushall();
});
afterAll(async () => {
  redis.disconnect();
  await server.close();
});

describe("RedisUserStorage", () => {
  it("keeps one hash per user under the key prefix: experiment_key → variation_key", async () => {
    const s = storage({ keyPrefix: "shop:ab:" });
    const c = await client(
      settingsOf(
        [
          ["A", 50],
          ["B", 50],
        ],
        3,
      ),
      s,
    );
    const names = [
      await c.activateExperiment("Exp0", "user-1"),
      await c.activateExperiment("Exp1", "user-1"),
      await c.activateExperiment("Exp2", "user-1"),
    ];
    expect(s.keyOf("user-1")).toBe("shop:ab:user-1");
    expect(await redis.keys("*")).toEqual(["shop:ab:user-1"]);
    const hash = await redis.hgetall("shop:ab:user-1");
    expect(Object.keys(hash).sort()).toEqual(["Exp0-KEY", "Exp1-KEY", "Exp2-KEY"]);
    expect(names).toEqual(
      [hash["Exp0-KEY"], hash["Exp1-KEY"], hash["Exp2-KEY"]].map((k) => `Name ${k}`),
    );
    expect(s.stats).toMatchObject({ lookups: 3, saves: 3, written: 3, conflicts: 0, failures: 0 });
  });

  it("serves the stored variation after the split changes, and re-buckets once when it is removed", async () => {
    const s = storage();
    // Same storage, settings in turn: everyone to A; A at 0 %; A removed.
    const phases: Array<[Share[], string]> = [
      [
        [
          ["A", 100],
          ["B", 0],
          ["C", 0],
        ],
        "Name A",
      ],
      [
        [
          ["A", 0],
          ["B", 100],
          ["C", 0],
        ],
        "Name A",
      ],
      [
        [
          ["B", 0],
          ["C", 100],
        ],
        "Name C",
      ],
    ];
    const written: number[] = [];
    for (const [shares, expected] of phases) {
      const c = await client(settingsOf(shares), s);
      for (let round = 0; round < 2; round++)
        for (let i = 0; i < 20; i++)
          expect(await c.activateExperiment("Exp0", `u${i}`)).toBe(expected);
      written.push(s.stats.written);
    }
    expect(written).toEqual([20, 20, 40]); // assigned once, kept, replaced once
    expect(await redis.hget(s.keyOf("u7"), "Exp0-KEY")).toBe("C");
  });

  it("reads a user's assignments without activating, named from the settings given", async () => {
    const s = storage();
    const settings = settingsOf(
      [
        ["A", 100],
        ["B", 0],
      ],
      2,
    );
    const c = await client(settings, s);
    await c.activateExperiment("Exp0", "user-9");
    await redis.hset(s.keyOf("user-9"), "Gone-KEY", "X");
    const visits = c.getStats();
    expect(await s.getAssignments("user-9", c.getSettings())).toEqual([
      {
        experimentKey: "Exp0-KEY",
        variationKey: "A",
        experimentName: "Exp0",
        variationName: "Name A",
      },
      { experimentKey: "Gone-KEY", variationKey: "X", experimentName: null, variationName: null },
    ]);
    expect(await s.getAssignments("user-9")).toEqual([
      { experimentKey: "Exp0-KEY", variationKey: "A", experimentName: null, variationName: null },
      { experimentKey: "Gone-KEY", variationKey: "X", experimentName: null, variationName: null },
    ]);
    expect(await s.getAssignments("nobody", c.getSettings())).toEqual([]);
    expect(c.getStats()).toEqual(visits); // nothing decided, nothing queued
    expect(await redis.exists(s.keyOf("nobody"))).toBe(0);
  });

  it("sets the TTL on every write and leaves it alone on reads", async () => {
    const s = storage({ ttlSeconds: 3600 });
    const c = await client(settingsOf([["A", 100]], 2), s);
    await c.activateExperiment("Exp0", "user-t");
    const key = s.keyOf("user-t");
    expect(await redis.ttl(key)).toBeGreaterThan(3500);
    await redis.expire(key, 100);
    await c.activateExperiment("Exp0", "user-t"); // stored: a read only
    expect(await redis.ttl(key)).toBeLessThanOrEqual(100);
    await c.activateExperiment("Exp1", "user-t"); // a new assignment: written, TTL set again
    expect(await redis.ttl(key)).toBeGreaterThan(3500);
  });

  it("uses a client the app passes in and leaves it open on close()", async () => {
    const app = new Redis(server.port, "127.0.0.1");
    const s = new RedisUserStorage({ client: app, keyPrefix: "p:" });
    const c = await client(settingsOf([["A", 100]]), s);
    expect(await c.activateExperiment("Exp0", "u1")).toBe("Name A");
    await c.close();
    await s.close();
    expect(await app.hgetall("p:u1")).toEqual({ "Exp0-KEY": "A" });
    app.disconnect();
  });

  it("rejects unusable options with one ConfigurationError", () => {
    const lazy = new Redis({ lazyConnect: true });
    const bad = [
      {},
      { url: "" },
      { url: "127.0.0.1:6379" },
      { url: "redis://127.0.0.1:1", client: lazy },
      { url: "redis://127.0.0.1:1", timeout: 0 },
      { url: "redis://127.0.0.1:1", ttlSeconds: 1.5 },
      { url: "redis://127.0.0.1:1", keyPrefix: 3 },
      { client: { get: async () => null } }, // not an ioredis client
    ];
    for (const options of bad)
      expect(() => new RedisUserStorage(options as never)).toThrow(ConfigurationError);
    lazy.disconnect();
  });

  it("never puts the URL's password in an error", async () => {
    await redis.config("SET", "requirepass", "the-right-one");
    try {
      const s = storage({ url: `redis://:s3cret-pass@127.0.0.1:${server.port}`, timeout: 2000 });
      const error = await s.lookup("u1").then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RedisStorageError);
      expect(String((error as Error).message)).toMatch(/^Redis lookup/);
      expect(String((error as Error).message)).not.toContain("s3cret-pass");
      expect(s.stats.failures).toBe(1);
    } finally {
      await redis.config("SET", "requirepass", "");
    }
  });
});
