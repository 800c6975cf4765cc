import { describe, expect, it } from "vitest";
import type { DecisionReason } from "../../src/client/Decision";
import { MemoryUserStorage } from "../../src/storage/UserStorage";
import { testClient } from "../fixtures/client";
import { and, audience, experiment, leaf } from "../fixtures/settings";
import { findUser } from "../fixtures/users";

const settings = {
  audiences: [audience("chrome", and(leaf("Browser", 1, ["Chrome"])))],
  experiments: [
    experiment("Running", { experiment_key: "RUN" }),
    experiment("Half", { experiment_key: "HALF", permitted_traffic: 50 }),
    experiment("Chrome", { audiences: [{ audience_link_name: "chrome" }] }),
    ...[0, 1, 3, 4, 5].map((status) =>
      experiment(`Status${status}`, { experiment_status: status }),
    ),
    ...[1, 13, 15].map((type) => experiment(`Type${type}`, { experiment_type: type })),
    experiment("PausedWeb", { experiment_status: 3, experiment_type: 1 }),
  ],
};

describe("decision gates and reasons", () => {
  it("BUCKETED: a running Full Stack experiment returns a variation and a bucket", async () => {
    const { client } = await testClient(settings);
    const d = await client.decide("Running", "user-1");
    expect(d.reason).toBe("BUCKETED");
    expect(["Original", "Variation 1"]).toContain(d.variationName);
    expect(d.bucket).toBeGreaterThanOrEqual(0);
    expect(d.bucket).toBeLessThan(10000);
  });

  it.each([0, 1, 3, 4, 5])("EXPERIMENT_NOT_RUNNING for experiment_status %i", async (status) => {
    const { client, sink } = await testClient(settings);
    expect(await client.decide(`Status${status}`, "user-1")).toEqual({
      variationName: null,
      variationKey: null,
      bucket: null,
      reason: "EXPERIMENT_NOT_RUNNING",
    });
    expect(await client.activateExperiment(`Status${status}`, "user-1")).toBeNull();
    expect(await client.getVariationName(`Status${status}`, "user-1")).toBeNull();
    expect(sink.events).toEqual([]);
  });

  it.each([1, 13, 15])("NOT_FULLSTACK for experiment_type %i", async (type) => {
    const { client, sink } = await testClient(settings);
    expect((await client.decide(`Type${type}`, "user-1")).reason).toBe("NOT_FULLSTACK");
    expect(await client.activateExperiment(`Type${type}`, "user-1")).toBeNull();
    expect(sink.events).toEqual([]);
  });

  it("checks the status before the type", async () => {
    const { client } = await testClient(settings);
    expect((await client.decide("PausedWeb", "user-1")).reason).toBe("EXPERIMENT_NOT_RUNNING");
  });

  it("EXPERIMENT_NOT_FOUND: names match exactly (case-sensitive, no trimming)", async () => {
    const { client, logger } = await testClient(settings);
    for (const name of ["Nope", "running", "Running ", " Running", "RUN"]) {
      expect((await client.decide(name, "user-1")).reason).toBe("EXPERIMENT_NOT_FOUND");
      expect(await client.activateExperiment(name, "user-1")).toBeNull();
    }
    expect(logger.matching('"Nope"', "EXPERIMENT_NOT_FOUND").length).toBeGreaterThan(0);
  });

  it.each([
    ["empty experiment name", "", "user-1", undefined],
    ["non-string experiment name", 42, "user-1", undefined],
    ["null experiment name", null, "user-1", undefined],
    ["empty user id", "Running", "", undefined],
    ["numeric user id", "Running", 7, undefined],
    ["undefined user id", "Running", undefined, undefined],
    ["array attributes", "Running", "user-1", ["Browser"]],
    ["string attributes", "Running", "user-1", "Browser=Chrome"],
    ["numeric attributes", "Running", "user-1", 5],
  ])("INVALID_INPUT: %s", async (_what, name, userId, attributes) => {
    const { client, logger, sink } = await testClient(settings);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong argument types
    const args = [name, userId, attributes] as [any, any, any];
    expect(await client.decide(...args)).toEqual({
      variationName: null,
      variationKey: null,
      bucket: null,
      reason: "INVALID_INPUT",
    });
    expect(await client.activateExperiment(...args)).toBeNull();
    expect(await client.getVariationName(...args)).toBeNull();
    expect(sink.events).toEqual([]);
    expect(logger.at("ERROR").length).toBeGreaterThanOrEqual(3);
  });

  it("NO_ATTRIBUTES and AUDIENCE_MISMATCH come from audience targeting", async () => {
    const { client } = await testClient(settings);
    expect((await client.decide("Chrome", "user-1")).reason).toBe("NO_ATTRIBUTES");
    expect((await client.decide("Chrome", "user-1", { Browser: "Edge" })).reason).toBe(
      "AUDIENCE_MISMATCH",
    );
    expect((await client.decide("Chrome", "user-1", { Browser: "Chrome" })).reason).toBe(
      "BUCKETED",
    );
  });

  it("OUT_OF_TRAFFIC carries the user's bucket", async () => {
    const { client } = await testClient(settings);
    const outside = findUser("HALF", (b) => b >= 5000);
    const d = await client.decide("Half", outside);
    expect(d.reason).toBe("OUT_OF_TRAFFIC");
    expect(d.variationName).toBeNull();
    expect(d.bucket).toBeGreaterThanOrEqual(5000);
  });

  it("STORED: the variation comes from the user storage", async () => {
    const storage = new MemoryUserStorage();
    storage.save({ userId: "user-1", experiments: { RUN: "V1" } });
    const { client } = await testClient(settings, { userStorage: storage });
    expect(await client.decide("Running", "user-1")).toEqual({
      variationName: "Variation 1",
      variationKey: "V1",
      bucket: null,
      reason: "STORED",
    });
  });

  it("NOT_READY after close()", async () => {
    const { client, sink } = await testClient(settings);
    expect(client.isReady()).toBe(true);
    await client.close();
    expect(client.isReady()).toBe(false);
    expect((await client.decide("Running", "user-1")).reason).toBe("NOT_READY");
    expect(await client.activateExperiment("Running", "user-1")).toBeNull();
    await client.trackGoal("Running", "user-1", "Buy");
    expect(sink.events).toEqual([]);
  });

  it("reaches every DecisionReason", async () => {
    const storage = new MemoryUserStorage();
    storage.save({ userId: "stored", experiments: { RUN: "V0" } });
    const { client } = await testClient(settings, { userStorage: storage });
    const reasons = new Set<DecisionReason>();
    const add = async (...args: Parameters<typeof client.decide>) =>
      reasons.add((await client.decide(...args)).reason);
    await add("", "u");
    await add("Nope", "u");
    await add("Status3", "u");
    await add("Type1", "u");
    await add("Chrome", "u");
    await add("Chrome", "u", { Browser: "Edge" });
    await add(
      "Half",
      findUser("HALF", (b) => b >= 5000),
    );
    await add("Running", "stored");
    await add("Running", "fresh");
    await client.close();
    await add("Running", "u");
    expect([...reasons].sort()).toEqual(
      [
        "AUDIENCE_MISMATCH",
        "BUCKETED",
        "EXPERIMENT_NOT_FOUND",
        "EXPERIMENT_NOT_RUNNING",
        "INVALID_INPUT",
        "NOT_FULLSTACK",
        "NOT_READY",
        "NO_ATTRIBUTES",
        "OUT_OF_TRAFFIC",
        "STORED",
      ].sort(),
    );
  });

  it("getVariationName, activateExperiment and decide agree for every user", async () => {
    const { client } = await testClient(settings);
    for (let i = 0; i < 200; i++) {
      const user = `agree-${i}`;
      const d = await client.decide("Half", user);
      expect(await client.getVariationName("Half", user)).toBe(d.variationName);
      expect(await client.activateExperiment("Half", user)).toBe(d.variationName);
    }
  });
});
