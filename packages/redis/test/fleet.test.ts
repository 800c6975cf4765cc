import { type FakePageSense, startPageSenseServer } from "@pagesense/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedisStorageStats } from "../src";
import { Instance } from "./fleet/Instance";
import { localClient, settingsOf, sleep } from "./helpers";
import { RedisServer } from "./redisServer";

const BEFORE = settingsOf([
  ["A", 34],
  ["B", 33],
  ["C", 33],
]);
const AFTER = settingsOf([
  ["A", 10],
  ["B", 90],
]); // split changed, C removed
const USERS = Array.from({ length: 1000 }, (_, i) => `fleet-user-${i}`);

let redis: RedisServer;
let pagesense: FakePageSense;
let fleet: Instance[] = [];

const written = async (instance: Instance) =>
  (await instance.call<{ storage: RedisStorageStats }>("stats")).storage.written;

beforeAll(async () => {
  redis = await RedisServer.start();
  pagesense = await startPageSenseServer({ settings: BEFORE });
  fleet = await Promise.all([0, 1, 2].map(() => Instance.start(pagesense.url, redis.url)));
});
afterAll(async () => {
  await Promise.all(fleet.map((instance) => instance.close()));
  await pagesense?.close();
  await redis?.close();
});

describe("a fleet of three instances sharing one Redis", () => {
  it("keeps every user's variation on every instance across a settings change", async () => {
    // 1,000 users, each activated on one of the three instances.
    const first = new Map<string, string>();
    await Promise.all(
      fleet.map(async (instance, n) => {
        const mine = USERS.filter((_, i) => i % 3 === n);
        const names = await instance.call<string[]>("activate", { users: mine });
        for (const [i, user] of mine.entries()) first.set(user, names[i]!);
      }),
    );
    expect(first.size).toBe(1000);
    const check = redis.connect();
    const pipeline = check.pipeline();
    for (const user of USERS) pipeline.hget(`pagesense:user:${user}`, "Exp0-KEY");
    const stored = (await pipeline.exec())!.map(([, value]) => `Name ${value}`);
    expect(stored).toEqual(USERS.map((user) => first.get(user)));
    check.disconnect();

    // The split changes and C is removed; every instance picks it up by polling.
    pagesense.setSettings(AFTER, "2");
    for (let i = 0; i < 200; i++) {
      const versions = await Promise.all(fleet.map((instance) => instance.call("version")));
      if (versions.every((v) => v === "2")) break;
      await sleep(50);
    }
    expect(await Promise.all(fleet.map((instance) => instance.call("version")))).toEqual([
      "2",
      "2",
      "2",
    ]);

    // Every instance decides for every user, all at once.
    const writtenBefore = await Promise.all(fleet.map(written));
    const after = await Promise.all(
      fleet.map((instance) => instance.call<string[]>("activate", { users: USERS })),
    );
    const writtenAfter = await Promise.all(fleet.map(written));

    const removed = USERS.filter((user) => first.get(user) === "Name C");
    let sticky = 0;
    USERS.forEach((user, i) => {
      const names = after.map((onInstance) => onInstance[i]);
      expect(new Set(names).size).toBe(1); // the same on every instance
      if (first.get(user) !== "Name C" && names[0] === first.get(user)) sticky++;
      if (first.get(user) === "Name C") expect(["Name A", "Name B"]).toContain(names[0]);
    });
    expect(sticky).toBe(USERS.length - removed.length); // 100 %
    expect(removed.length).toBeGreaterThan(0);
    // Each re-bucketed user was written once, whichever instance got there first.
    const writes = writtenAfter.reduce((sum, n, i) => sum + n - writtenBefore[i]!, 0);
    expect(writes).toBe(removed.length);
    const again = redis.connect();
    for (const user of removed.slice(0, 50))
      expect(`Name ${await again.hget(`pagesense:user:${user}`, "Exp0-KEY")}`).toBe(
        after[0]![USERS.indexOf(user)],
      );
    again.disconnect();

    // Without the storage the new split would have moved many users: stickiness did the work.
    const bucketing = await localClient(AFTER, undefined);
    let moved = 0;
    for (const user of USERS)
      if (
        first.get(user) !== "Name C" &&
        (await bucketing.activateExperiment("Exp0", user)) !== first.get(user)
      )
        moved++;
    await bucketing.close();
    expect(moved).toBeGreaterThan(100);
  });
});
