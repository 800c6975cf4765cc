import { describe, expect, it } from "vitest";
import type { ErrorNotification } from "../../src/notifications/types";
import {
  MemoryUserStorage,
  type UserProfile,
  type UserStorage,
} from "../../src/storage/UserStorage";
import { testClient } from "../fixtures/client";
import { and, audience, experiment, leaf, variation } from "../fixtures/settings";
import { findUser } from "../fixtures/users";

const layout = (permitted: number, a: number, b: number) => ({
  audiences: [audience("chrome", and(leaf("Browser", 1, ["Chrome"])))],
  experiments: [
    experiment("E", {
      experiment_key: "K",
      permitted_traffic: permitted,
      variations: [variation("V0", a, "Original"), variation("V1", b, "Variation 1")],
    }),
    experiment("Chrome", { experiment_key: "CK", audiences: [{ audience_link_name: "chrome" }] }),
  ],
});

/** A storage that records calls and can be made to fail or to answer asynchronously. */
class ScriptedStorage implements UserStorage {
  readonly inner = new MemoryUserStorage();
  lookups: string[] = [];
  saves: UserProfile[] = [];
  constructor(
    private readonly mode: {
      lookup?: "sync-throw" | "reject" | "async" | "garbage";
      save?: "sync-throw" | "reject" | "async";
    } = {},
  ) {}

  lookup(userId: string): UserProfile | undefined | Promise<UserProfile | undefined> {
    this.lookups.push(userId);
    switch (this.mode.lookup) {
      case "sync-throw":
        throw new Error("redis down");
      case "reject":
        return Promise.reject(new Error("redis timeout"));
      case "async":
        return new Promise((resolve) => setTimeout(() => resolve(this.inner.lookup(userId)), 1));
      case "garbage":
        return "garbage" as unknown as UserProfile;
      default:
        return this.inner.lookup(userId);
    }
  }

  save(profile: UserProfile): void | Promise<void> {
    this.saves.push(structuredClone(profile));
    switch (this.mode.save) {
      case "sync-throw":
        throw new Error("disk full");
      case "reject":
        return Promise.reject(new Error("write refused"));
      case "async":
        return new Promise((resolve) =>
          setTimeout(() => {
            this.inner.save(profile);
            resolve();
          }, 1),
        );
      default:
        this.inner.save(profile);
    }
  }
}

describe("user storage", () => {
  it("keeps a user in their variation after the traffic layout changes", async () => {
    const storage = new MemoryUserStorage();
    const user = findUser("K", (b) => b < 5000); // Original at 50/50
    const first = await testClient(layout(100, 50, 50), { userStorage: storage });
    expect(await first.client.decide("E", user)).toMatchObject({
      variationName: "Original",
      reason: "BUCKETED",
    });
    expect(storage.lookup(user)).toEqual({ userId: user, experiments: { K: "V0" } });

    // The shares change to 0/100: a new client over the same storage keeps the user in Original.
    const second = await testClient(layout(100, 0, 100), { userStorage: storage });
    expect(await second.client.decide("E", user)).toEqual({
      variationName: "Original",
      variationKey: "V0",
      bucket: null,
      reason: "STORED",
    });
    expect(await second.client.activateExperiment("E", user)).toBe("Original");
    expect(second.sink.events[0]!.record.c).toBe("V0");

    // Without storage the new layout would have moved the user.
    const stateless = await testClient(layout(100, 0, 100));
    expect(await stateless.client.getVariationName("E", user)).toBe("Variation 1");
    // A user never stored follows the new layout.
    expect((await second.client.decide("E", `${user}-new`)).variationName).toBe("Variation 1");
  });

  it("keeps a stored user in even when the permitted traffic drops below their bucket", async () => {
    const storage = new MemoryUserStorage();
    const user = findUser("K", (b) => b >= 5000);
    const first = await testClient(layout(100, 50, 50), { userStorage: storage });
    expect(await first.client.getVariationName("E", user)).toBe("Variation 1");
    const second = await testClient(layout(10, 50, 50), { userStorage: storage });
    expect(await second.client.decide("E", user)).toMatchObject({
      variationName: "Variation 1",
      reason: "STORED",
    });
  });

  it("ignores a stored variation key that no longer exists, re-buckets and saves the new one", async () => {
    const storage = new MemoryUserStorage();
    storage.save({ userId: "u", experiments: { K: "V_REMOVED", OTHER: "X1" } });
    const { client, logger } = await testClient(layout(100, 50, 50), { userStorage: storage });
    const d = await client.decide("E", "u");
    expect(d.reason).toBe("BUCKETED");
    expect(d.bucket).not.toBeNull();
    expect(storage.lookup("u")).toEqual({
      userId: "u",
      experiments: { K: d.variationKey, OTHER: "X1" },
    });
    expect(
      logger.matching('stored variation "V_REMOVED" of "E" is gone; bucketing again'),
    ).toHaveLength(1);
  });

  it("ignores malformed profiles", async () => {
    const storage = new MemoryUserStorage();
    storage.save({ userId: "a", experiments: { K: 5 as unknown as string } });
    storage.save({ userId: "b", experiments: null as unknown as Record<string, string> });
    const { client } = await testClient(layout(100, 50, 50), { userStorage: storage });
    expect((await client.decide("E", "a")).reason).toBe("BUCKETED");
    expect((await client.decide("E", "b")).reason).toBe("BUCKETED");
    const garbage = new ScriptedStorage({ lookup: "garbage" });
    const g = await testClient(layout(100, 50, 50), { userStorage: garbage });
    expect((await g.client.decide("E", "a")).reason).toBe("BUCKETED");
    expect(garbage.saves).toHaveLength(1);
  });

  it("writes back only the valid entries of a malformed profile", async () => {
    const storage = new ScriptedStorage();
    storage.inner.save({
      userId: "a",
      experiments: { OTHER: "V9", BAD: 5, WORSE: { x: 1 } } as unknown as Record<string, string>,
    });
    const { client } = await testClient(layout(100, 50, 50), { userStorage: storage });
    const decision = await client.decide("E", "a");
    expect(decision.reason).toBe("BUCKETED");
    expect(storage.saves).toEqual([
      { userId: "a", experiments: { OTHER: "V9", K: decision.variationKey } },
    ]);
  });

  it("saves only assignments (not users out of traffic) and merges other experiments", async () => {
    const storage = new ScriptedStorage();
    const { client } = await testClient(layout(50, 50, 50), { userStorage: storage });
    const out = findUser("K", (b) => b >= 5000);
    expect((await client.decide("E", out)).reason).toBe("OUT_OF_TRAFFIC");
    expect(storage.saves).toEqual([]);
    const user = findUser("K", (b) => b < 5000);
    await client.getVariationName("E", user);
    await client.getVariationName("Chrome", user, { Browser: "Chrome" });
    expect(storage.inner.lookup(user)!.experiments).toEqual({
      K: expect.stringMatching(/^V[01]$/),
      CK: expect.stringMatching(/^V[01]$/),
    });
  });

  it("runs audience targeting before the storage lookup", async () => {
    const storage = new ScriptedStorage();
    storage.inner.save({ userId: "u", experiments: { CK: "V1" } });
    const { client } = await testClient(layout(100, 50, 50), { userStorage: storage });
    expect((await client.decide("Chrome", "u", { Browser: "Edge" })).reason).toBe(
      "AUDIENCE_MISMATCH",
    );
    expect((await client.decide("Chrome", "u")).reason).toBe("NO_ATTRIBUTES");
    expect(storage.lookups).toEqual([]);
    expect((await client.decide("Chrome", "u", { Browser: "Chrome" })).reason).toBe("STORED");
  });

  it.each(["sync-throw", "reject"] as const)(
    "logs and bypasses a lookup that fails (%s)",
    async (mode) => {
      const storage = new ScriptedStorage({ lookup: mode });
      const { client, logger, sink } = await testClient(layout(100, 50, 50), {
        userStorage: storage,
      });
      const errors: ErrorNotification[] = [];
      client.on("error", (e) => errors.push(e));
      const expected = (await testClient(layout(100, 50, 50))).client;
      const d = await client.decide("E", "u");
      expect(d.reason).toBe("BUCKETED");
      expect(d.variationName).toBe(await expected.getVariationName("E", "u"));
      expect(await client.activateExperiment("E", "u")).toBe(d.variationName);
      expect(sink.events).toHaveLength(1);
      expect(logger.matching('user storage lookup for user "u" failed').length).toBeGreaterThan(0);
      expect(errors[0]).toMatchObject({ source: "storage" });
    },
  );

  it.each(["sync-throw", "reject"] as const)(
    "logs a save that fails (%s) and still returns the variation",
    async (mode) => {
      const storage = new ScriptedStorage({ save: mode });
      const { client, logger } = await testClient(layout(100, 50, 50), { userStorage: storage });
      expect(await client.getVariationName("E", "u")).not.toBeNull();
      expect(await client.activateExperiment("E", "u")).not.toBeNull();
      // Logged once per outage (issue 15); every failure is counted.
      expect(logger.matching('user storage save for user "u" failed')).toHaveLength(1);
      expect(client.getStats().storageErrors).toBe(2);
    },
  );

  it("works with an asynchronous storage", async () => {
    const storage = new ScriptedStorage({ lookup: "async", save: "async" });
    const user = findUser("K", (b) => b < 5000);
    const first = await testClient(layout(100, 50, 50), { userStorage: storage });
    expect(await first.client.decide("E", user)).toMatchObject({
      variationName: "Original",
      reason: "BUCKETED",
    });
    expect(storage.inner.lookup(user)).toEqual({ userId: user, experiments: { K: "V0" } });
    const second = await testClient(layout(100, 0, 100), { userStorage: storage });
    expect(await second.client.decide("E", user)).toMatchObject({
      variationName: "Original",
      reason: "STORED",
    });
    expect(await second.client.activateExperiment("E", user)).toBe("Original");
    await second.client.trackGoal("E", user, "nothing");
    expect(second.sink.events).toHaveLength(1);
  });

  it("does not lose saves when one user's decisions run concurrently on an async storage", async () => {
    const storage = new ScriptedStorage({ lookup: "async", save: "async" });
    const doc = {
      experiments: [
        experiment("A", { experiment_key: "A-KEY" }),
        experiment("B", { experiment_key: "B-KEY" }),
        experiment("C", { experiment_key: "C-KEY" }),
      ],
    };
    const { client } = await testClient(doc, { userStorage: storage });
    const decisions = await Promise.all([
      client.decide("A", "u"),
      client.decide("B", "u"),
      client.decide("C", "u"),
    ]);
    expect(decisions.every((d) => d.reason === "BUCKETED")).toBe(true);
    expect(Object.keys(storage.inner.lookup("u")?.experiments ?? {}).sort()).toEqual([
      "A-KEY",
      "B-KEY",
      "C-KEY",
    ]);
  });

  it("does not overwrite a stored profile when its lookup failed", async () => {
    const storage = new ScriptedStorage({ lookup: "reject" });
    storage.inner.save({ userId: "u", experiments: { OTHER: "X" } });
    const { client } = await testClient(layout(100, 50, 50), { userStorage: storage });
    expect(await client.getVariationName("E", "u")).not.toBeNull();
    expect(storage.saves).toEqual([]);
    expect(storage.inner.lookup("u")).toEqual({ userId: "u", experiments: { OTHER: "X" } });
  });

  it("saves the assignment when the storage answers null for an unknown user", async () => {
    const inner = new MemoryUserStorage();
    const storage: UserStorage = {
      lookup: (userId) => inner.lookup(userId) ?? null,
      save: (profile) => inner.save(profile),
    };
    const first = await testClient(layout(100, 50, 50), { userStorage: storage });
    const d = await first.client.decide("E", "u");
    expect(d.reason).toBe("BUCKETED");
    expect(inner.lookup("u")).toEqual({ userId: "u", experiments: { K: d.variationKey } });
    const second = await testClient(layout(100, 50, 50), { userStorage: storage });
    expect(await second.client.decide("E", "u")).toMatchObject({
      variationKey: d.variationKey,
      reason: "STORED",
    });
  });

  it("keeps decisions with a synchronous storage synchronous (no extra ticks)", async () => {
    const storage = new ScriptedStorage();
    const { client } = await testClient(layout(100, 50, 50), { userStorage: storage });
    let settled = false;
    void client.getVariationName("E", "u").then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(true);
    expect(storage.saves).toHaveLength(1);
  });

  it("is ignored, with a warning, when it lacks lookup or save", async () => {
    const { client, logger } = await testClient(layout(100, 50, 50), {
      userStorage: { lookup: () => undefined } as unknown as UserStorage,
    });
    expect((await client.decide("E", "u")).reason).toBe("BUCKETED");
    expect(
      logger.matching(
        "option userStorage object is not an object with lookup(), save(); using none",
      ),
    ).toHaveLength(1);
  });
});
