import { describe, expect, it } from "vitest";
import { PageSenseClient } from "../../src/client/PageSenseClient";
import { ConfigurationError } from "../../src/shared/errors";
import { createTestClient } from "../../src/testing/index";
import { RecordingLogger } from "../fixtures/logger";

describe("createTestClient", () => {
  it("decides as told for every user, with no network and no settings document", async () => {
    const client = await createTestClient({
      variations: { PricingTest: "Variation 1", Banner: "Original" },
    });
    expect(client).toBeInstanceOf(PageSenseClient);
    expect(client.isReady()).toBe(true);
    for (const user of ["u1", "u2", "someone else"]) {
      expect(await client.getVariationName("PricingTest", user)).toBe("Variation 1");
      expect(await client.forUser(user).getVariationName("Banner")).toBe("Original");
    }
    expect(await client.decide("PricingTest", "u1")).toMatchObject({
      variationName: "Variation 1",
      reason: "BUCKETED",
    });
    expect(client.getStats().eventsSent).toBe(0);
  });

  it("gives null with a reason for experiments it was not told about, or told null", async () => {
    const logger = new RecordingLogger();
    const client = await createTestClient({ variations: { Off: null }, logger });
    expect(await client.decide("Unknown", "u1")).toMatchObject({
      variationName: null,
      reason: "EXPERIMENT_NOT_FOUND",
    });
    expect(logger.matching("Unknown", "EXPERIMENT_NOT_FOUND")).toHaveLength(1);
    expect(await client.decide("Off", "u1")).toMatchObject({
      variationName: null,
      reason: "OUT_OF_TRAFFIC",
    });
    expect(await client.activateExperiment("Off", "u1")).toBeNull();
    expect(client.events()).toEqual([]);
  });

  it("records visits and goals by name, with revenue and attributes, until reset()", async () => {
    const client = await createTestClient({
      variations: { PricingTest: "Variation 1", Banner: "Red" },
      goals: ["PurchaseCompleted", "SignupClicked"],
    });
    await client.activateExperiment("PricingTest", "u1", { plan: "pro" });
    await client.forUser("u2").activateExperiment("Banner");
    await client.trackGoal("PricingTest", "u1", "PurchaseCompleted", 49, { plan: "pro" });
    await client.trackGoal("Banner", "u2", "SignupClicked");
    await client.getVariationName("PricingTest", "u3"); // no event

    expect(client.visits("PricingTest")).toEqual([
      {
        kind: "visit",
        userId: "u1",
        experimentName: "PricingTest",
        variationName: "Variation 1",
        attributes: { plan: "pro" },
      },
    ]);
    expect(client.visits().map((v) => v.experimentName)).toEqual(["PricingTest", "Banner"]);
    expect(client.goals("PurchaseCompleted")).toEqual([
      {
        kind: "goal",
        userId: "u1",
        experimentName: "PricingTest",
        variationName: "Variation 1",
        goalName: "PurchaseCompleted",
        revenue: 49,
        attributes: { plan: "pro" },
      },
    ]);
    expect(client.goals().map((g) => [g.userId, g.goalName, g.variationName])).toEqual([
      ["u1", "PurchaseCompleted", "Variation 1"],
      ["u2", "SignupClicked", "Red"],
    ]);
    expect(client.events().map((e) => e.kind)).toEqual(["visit", "visit", "goal", "goal"]);

    client.reset();
    expect(client.events()).toEqual([]);
    await client.trackGoal("Banner", "u9", "SignupClicked");
    expect(client.goals().map((g) => g.userId)).toEqual(["u9"]);
  });

  it("does not record a goal it was not told about, and says why", async () => {
    const logger = new RecordingLogger();
    const client = await createTestClient({ variations: { PricingTest: "Original" }, logger });
    await client.trackGoal("PricingTest", "u1", "PurchaseCompleted");
    expect(client.goals()).toEqual([]);
    expect(logger.matching("PurchaseCompleted", "goal not tracked")).toHaveLength(1);
  });

  it("with attributes, decides as told only for users who have them", async () => {
    const client = await createTestClient({
      variations: { PricingTest: "Variation 1" },
      attributes: { plan: "pro" },
      logLevel: "OFF",
    });
    expect(await client.getVariationName("PricingTest", "u1", { plan: "pro", x: "y" })).toBe(
      "Variation 1",
    );
    expect((await client.decide("PricingTest", "u1")).reason).toBe("NO_ATTRIBUTES");
    expect((await client.decide("PricingTest", "u1", { plan: "free" })).reason).toBe(
      "AUDIENCE_MISMATCH",
    );
  });

  it("keeps the client's contract: bad input is logged and gives null, close() stops recording", async () => {
    const logger = new RecordingLogger();
    const client = await createTestClient({ variations: { PricingTest: "Variation 1" }, logger });
    // @ts-expect-error: a number is not a user id
    expect(await client.activateExperiment("PricingTest", 42)).toBeNull();
    expect(logger.matching("INVALID_INPUT")).toHaveLength(1);
    await client.close();
    expect(await client.activateExperiment("PricingTest", "u1")).toBeNull();
    expect(client.events()).toEqual([]);
  });

  it("switches one user with setForcedVariation (reason FORCED), and records what they saw", async () => {
    const logger = new RecordingLogger();
    const client = await createTestClient({
      variations: { PricingTest: "Variation 1" },
      goals: ["PurchaseCompleted"],
      logger,
    });
    expect(client.setForcedVariation("PricingTest", "qa", "Original")).toBe(true);
    expect(await client.decide("PricingTest", "qa")).toMatchObject({
      variationName: "Original",
      reason: "FORCED",
    });
    expect(await client.activateExperiment("PricingTest", "someone")).toBe("Variation 1");
    await client.forUser("qa").activateExperiment("PricingTest");
    await client.trackGoal("PricingTest", "qa", "PurchaseCompleted", 5);
    expect(client.events().map((e) => [e.kind, e.userId, e.variationName])).toEqual([
      ["visit", "someone", "Variation 1"],
      ["visit", "qa", "Original"],
      ["goal", "qa", "Original"],
    ]);
    // Only the experiment's own variations can be forced; a wrong name is refused and logged.
    expect(client.setForcedVariation("PricingTest", "qa", "Variation 9")).toBe(false);
    expect(logger.matching("Variation 9")).not.toHaveLength(0);
    expect(client.setForcedVariation("PricingTest", "qa", null)).toBe(true);
    expect(await client.getVariationName("PricingTest", "qa")).toBe("Variation 1");
  });

  it("rejects invalid options with a ConfigurationError", async () => {
    // @ts-expect-error: variations are required
    await expect(createTestClient({})).rejects.toBeInstanceOf(ConfigurationError);
    await expect(
      // @ts-expect-error: a variation name is a string
      createTestClient({ variations: { PricingTest: 1 } }),
    ).rejects.toThrow(/variations\["PricingTest"\]/);
    await expect(createTestClient({ variations: { PricingTest: "" } })).rejects.toThrow(
      ConfigurationError,
    );
  });
});
