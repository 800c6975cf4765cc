import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisUserStorage } from "../src";
import { localClient, settingsOf } from "./helpers";
import { RedisServer } from "./redisServer";

let server: RedisServer;

beforeAll(async () => {
  server = await RedisServer.start({ cluster: true });
});
afterAll(async () => {
  await server.close();
});

describe("on Redis Cluster", () => {
  it("stores, reads back and keeps assignments through an ioredis Cluster client", async () => {
    const cluster = new Cluster([{ host: "127.0.0.1", port: server.port }]);
    const storage = new RedisUserStorage({ client: cluster, ttlSeconds: 600 });
    const before = await localClient(
      settingsOf(
        [
          ["A", 100],
          ["B", 0],
        ],
        3,
      ),
      storage,
    );
    const users = Array.from({ length: 30 }, (_, i) => `cluster-user-${i}`);
    for (const user of users)
      for (const exp of ["Exp0", "Exp1", "Exp2"])
        expect(await before.activateExperiment(exp, user)).toBe("Name A");
    const after = await localClient(
      settingsOf(
        [
          ["A", 0],
          ["B", 100],
        ],
        3,
      ),
      storage,
    );
    for (const user of users)
      for (const exp of ["Exp0", "Exp1", "Exp2"])
        expect(await after.activateExperiment(exp, user)).toBe("Name A");
    expect((await storage.getAssignments(users[0]!)).map((a) => a.variationKey)).toEqual([
      "A",
      "A",
      "A",
    ]);
    expect(storage.stats).toMatchObject({ written: 90, conflicts: 0, failures: 0 });
    for (const client of [before, after]) await client.close();
    await storage.close(); // the app's cluster client stays open
    expect(await cluster.hgetall(storage.keyOf(users[1]!))).toEqual({
      "Exp0-KEY": "A",
      "Exp1-KEY": "A",
      "Exp2-KEY": "A",
    });
    await cluster.quit();
  });
});
