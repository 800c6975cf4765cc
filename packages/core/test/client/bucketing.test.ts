import { describe, expect, it } from "vitest";
import { testClient } from "../fixtures/client";
import { experiment, variation } from "../fixtures/settings";
import { bucketOf, findUser } from "../fixtures/users";

describe("client bucketing", () => {
  // The spec's hash vectors written as experiment_key + "_" + userId ("hello" has no "_", so it
  // cannot be produced by the client; it is covered by the murmur3 tests).
  it.each([
    ["PricingTest", "user123", 1675, "Original"],
    ["EXPKEY", "user-1", 9724, "Variation 1"],
    ["EXPKEY", "ünïcode", 3250, "Original"],
  ])("experiment key %j, user %j → bucket %i (%s at 50/50)", async (key, userId, bucket, name) => {
    const { client } = await testClient({
      experiments: [experiment("E", { experiment_key: key })],
    });
    const decision = await client.decide("E", userId);
    expect(decision).toEqual({
      variationName: name,
      variationKey: name === "Original" ? "V0" : "V1",
      bucket,
      reason: "BUCKETED",
    });
    expect(await client.getVariationName("E", userId)).toBe(name);
  });

  it("hashes the experiment key, not its name", async () => {
    const { client } = await testClient({
      experiments: [
        experiment("Renamed", { experiment_key: "EXPKEY" }),
        experiment("Other", { experiment_key: "PricingTest" }),
      ],
    });
    expect((await client.decide("Renamed", "user-1")).bucket).toBe(9724);
    expect((await client.decide("Other", "user123")).bucket).toBe(1675);
  });

  describe("range boundaries through decide()", () => {
    // permitted 60, shares 10/30/60 → ends 600, 2400, 6000
    const settings = {
      experiments: [
        experiment("E", {
          experiment_key: "K",
          permitted_traffic: 60,
          variations: [variation("A", 10), variation("B", 30), variation("C", 60)],
        }),
      ],
    };
    it.each([
      [0, "A"],
      [599, "A"],
      [600, "B"],
      [2399, "B"],
      [2400, "C"],
      [5999, "C"],
      [6000, null],
      [9999, null],
    ])("bucket %i → %s", async (bucket, expected) => {
      const { client } = await testClient(settings);
      const userId = findUser("K", (b) => b === bucket);
      const decision = await client.decide("E", userId);
      expect(decision.bucket).toBe(bucket);
      expect(decision.variationKey).toBe(expected);
      expect(decision.reason).toBe(expected === null ? "OUT_OF_TRAFFIC" : "BUCKETED");
    });
  });

  it("puts nobody in at 0% traffic and everybody at 100%", async () => {
    const { client } = await testClient({
      experiments: [
        experiment("Off", { experiment_key: "K", permitted_traffic: 0 }),
        experiment("On", { experiment_key: "K", permitted_traffic: 100 }),
      ],
    });
    for (let i = 0; i < 300; i++) {
      expect((await client.decide("Off", `u${i}`)).reason).toBe("OUT_OF_TRAFFIC");
      expect((await client.decide("On", `u${i}`)).reason).toBe("BUCKETED");
    }
  });

  it("buckets nobody when every share is zero", async () => {
    const { client, logger } = await testClient({
      experiments: [experiment("E", { variations: [variation("A", 0), variation("B", 0)] })],
    });
    for (let i = 0; i < 100; i++) {
      const d = await client.decide("E", `u${i}`);
      expect(d.reason).toBe("OUT_OF_TRAFFIC");
      expect(d.variationName).toBeNull();
    }
    expect(logger.matching('"E" has no variation with a traffic share')).toHaveLength(1);
  });

  it("treats shares summing to 100 and to the permitted traffic alike", async () => {
    const { client } = await testClient({
      experiments: [
        experiment("Hundred", {
          experiment_key: "K",
          permitted_traffic: 40,
          variations: [variation("A", 25), variation("B", 75)],
        }),
        experiment("Forty", {
          experiment_key: "K",
          permitted_traffic: 40,
          variations: [variation("A", 10), variation("B", 30)],
        }),
      ],
    });
    for (let i = 0; i < 500; i++) {
      const a = await client.decide("Hundred", `u${i}`);
      const b = await client.decide("Forty", `u${i}`);
      expect(a).toEqual(b);
      const bucket = bucketOf("K", `u${i}`);
      expect(a.variationKey).toBe(bucket < 1000 ? "A" : bucket < 4000 ? "B" : null);
    }
  });

  it("gives a zero-share variation to nobody", async () => {
    const { client } = await testClient({
      experiments: [
        experiment("E", {
          variations: [variation("A", 50), variation("Z", 0), variation("B", 50)],
        }),
      ],
    });
    const seen = new Set<string | null>();
    for (let i = 0; i < 2000; i++) seen.add(await client.getVariationName("E", `u${i}`));
    expect([...seen].sort()).toEqual(["A", "B"]);
  });
});
