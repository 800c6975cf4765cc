import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisUserStorage } from "../src";
import { localClient, settingsOf } from "./helpers";
import { RedisServer } from "./redisServer";

let server: RedisServer;

beforeAll(async () => {
  server = await RedisServer.start();
});
afterAll(async () => {
  await server.close();
});

describe("two instances deciding for the same user at once", () => {
  it("store one assignment per user, and every later decision on both serves it", async () => {
    // Each instance has its own connection and settings that bucket every user differently
    // (A on one, B on the other), so a lost write race would show as a changed variation.
    // A generous per-call timeout: this test is about the write race, and a lookup timed out on a
    // loaded machine falls back to bucketing (by design), which would look like a lost race.
    const storages = [0, 1].map(() => new RedisUserStorage({ url: server.url, timeout: 5_000 }));
    const [one, two] = await Promise.all([
      localClient(
        settingsOf([
          ["A", 100],
          ["B", 0],
        ]),
        storages[0],
      ),
      localClient(
        settingsOf([
          ["A", 0],
          ["B", 100],
        ]),
        storages[1],
      ),
    ]);
    const redis = server.connect();
    const users = Array.from({ length: 10 }, (_, i) => `racer-${i}`);
    for (const user of users) {
      // 50 concurrent decisions: 25 on each instance, interleaved.
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          (i % 2 ? two! : one!).activateExperiment("Exp0", user),
        ),
      );
      const hash = await redis.hgetall(storages[0]!.keyOf(user));
      expect(Object.keys(hash)).toEqual(["Exp0-KEY"]);
      const stored = `Name ${hash["Exp0-KEY"]}`;
      // Only the losing instance's first decision (made before the winner's write) differs.
      expect(results.filter((name) => name !== stored).length).toBeLessThanOrEqual(1);
      for (const client of [one!, two!])
        for (let i = 0; i < 5; i++)
          expect(await client.activateExperiment("Exp0", user)).toBe(stored);
    }
    const [a, b] = storages.map((s) => s.stats);
    expect(a!.written + b!.written).toBe(users.length);
    expect(a!.conflicts + b!.conflicts).toBeLessThanOrEqual(users.length);
    redis.disconnect();
    for (const client of [one!, two!]) await client.close();
    for (const s of storages) await s.close();
  });
});
