import { exampleSettings, startPageSenseServer } from "@pagesense/testing";
import { describe, expect, it } from "vitest";
import { createClient } from "../../src/client/createClient";
import { MAX_FORCED_USERS } from "../../src/client/ForcedVariations";
import { MemoryEventSink } from "../../src/events/MemoryEventSink";
import { MemoryUserStorage, type UserProfile } from "../../src/storage/UserStorage";
import { testClient } from "../fixtures/client";
import { RecordingLogger } from "../fixtures/logger";
import { and, audience, experiment, goal, leaf, variation } from "../fixtures/settings";
import { findUser } from "../fixtures/users";

const CHROME = { Browser: "Chrome" };

const settings = {
  audiences: [audience("chrome", and(leaf("Browser", 1, ["Chrome"])))],
  goals: [goal("Purchase", "purchase")],
  experiments: [
    experiment("Pricing", {
      experiment_key: "PRICE",
      goals: [{ goal_link_name: "purchase", is_primary_goal: true }],
    }),
    experiment("Half", { experiment_key: "HALF", permitted_traffic: 50 }),
    experiment("Chrome", {
      experiment_key: "CHR",
      audiences: [{ audience_link_name: "chrome" }],
    }),
    experiment("Paused", { experiment_status: 3 }),
    experiment("Three", {
      experiment_key: "THREE",
      variations: [variation("A", 34, "A"), variation("B", 33, "B"), variation("C", 33, "C")],
    }),
  ],
};

/** The user whose hash puts them in `name` of Pricing (50/50: Original below 5000). */
const userIn = (name: "Original" | "Variation 1") =>
  findUser("PRICE", (b) => (name === "Original" ? b < 5000 : b >= 5000));

describe("forced variations", () => {
  it("the option forces every user into the variation, reason FORCED, no bucket", async () => {
    const user = userIn("Original");
    const { client } = await testClient(settings, {
      forcedVariations: { Pricing: "Variation 1" },
    });
    expect(await client.decide("Pricing", user)).toEqual({
      variationName: "Variation 1",
      variationKey: "V1",
      bucket: null,
      reason: "FORCED",
    });
    expect(await client.getVariationName("Pricing", "someone-else")).toBe("Variation 1");
    expect(client.getForcedVariation("Pricing", user)).toBe("Variation 1");
    expect(client.getForcedVariation("Half", user)).toBeNull();
  });

  it("setForcedVariation forces one user only, and null clears it", async () => {
    const user = userIn("Original");
    const { client } = await testClient(settings);
    expect(client.setForcedVariation("Pricing", user, "Variation 1")).toBe(true);
    expect(client.getForcedVariation("Pricing", user)).toBe("Variation 1");
    expect(await client.decide("Pricing", user)).toMatchObject({
      variationName: "Variation 1",
      reason: "FORCED",
    });
    const other = userIn("Original").replace("user", "other");
    expect((await client.decide("Pricing", other)).reason).toBe("BUCKETED");

    expect(client.setForcedVariation("Pricing", user, null)).toBe(true);
    expect(client.getForcedVariation("Pricing", user)).toBeNull();
    expect(await client.decide("Pricing", user)).toMatchObject({
      variationName: "Original",
      reason: "BUCKETED",
    });
  });

  it("per-user forcing wins over the option; clearing it brings the option back", async () => {
    const { client } = await testClient(settings, { forcedVariations: { Three: "A" } });
    client.setForcedVariation("Three", "u1", "C");
    expect(await client.getVariationName("Three", "u1")).toBe("C");
    expect(await client.getVariationName("Three", "u2")).toBe("A");
    client.setForcedVariation("Three", "u1", null);
    expect(await client.getVariationName("Three", "u1")).toBe("A");
  });

  it("bypasses audiences and traffic (as Optimizely does)", async () => {
    const out = findUser("HALF", (b) => b >= 5000);
    const { client } = await testClient(settings, {
      forcedVariations: { Half: "Original", Chrome: "Variation 1" },
    });
    expect(await client.decide("Half", out)).toMatchObject({
      variationName: "Original",
      reason: "FORCED",
    });
    expect(await client.decide("Chrome", "u1")).toMatchObject({
      variationName: "Variation 1",
      reason: "FORCED",
    });
    expect(await client.decide("Chrome", "u1", { Browser: "Firefox" })).toMatchObject({
      reason: "FORCED",
    });
  });

  it("still requires the experiment to run", async () => {
    const { client, sink } = await testClient(settings, {
      forcedVariations: { Paused: "Original" },
    });
    expect(client.setForcedVariation("Paused", "u2", "Variation 1")).toBe(true);
    expect((await client.decide("Paused", "u1")).reason).toBe("EXPERIMENT_NOT_RUNNING");
    expect((await client.decide("Paused", "u2")).reason).toBe("EXPERIMENT_NOT_RUNNING");
    expect(await client.activateExperiment("Paused", "u2")).toBeNull();
    expect(sink.events).toEqual([]);
  });

  it("activateExperiment queues the visit and notifies; trackGoal records the goal", async () => {
    const user = userIn("Original");
    const { client, sink } = await testClient(settings);
    const activated: string[] = [];
    client.on("activate", (n) => activated.push(n.variationName));
    client.setForcedVariation("Pricing", user, "Variation 1");
    expect(await client.activateExperiment("Pricing", user)).toBe("Variation 1");
    await client.trackGoal("Pricing", user, "Purchase", 12.5);
    expect(sink.events.map((e) => [e.kind, e.userId, e.record.c])).toEqual([
      ["visit", user, "V1"],
      ["goal", user, "V1"],
    ]);
    expect(sink.events[1]!.record).toMatchObject({ gln: "purchase", rv: 12.5 });
    expect(activated).toEqual(["Variation 1"]);
  });

  it("is never written to user storage, and a stored assignment is not consulted", async () => {
    const user = userIn("Original");
    const storage = new MemoryUserStorage();
    storage.save({ userId: user, experiments: { PRICE: "V0" } });
    const saves: UserProfile[] = [];
    const lookups: string[] = [];
    const userStorage = {
      lookup: (id: string) => {
        lookups.push(id);
        return storage.lookup(id);
      },
      save: (p: UserProfile) => {
        saves.push(p);
        storage.save(p);
      },
    };
    const { client } = await testClient(settings, { userStorage });
    client.setForcedVariation("Pricing", user, "Variation 1");
    client.setForcedVariation("Three", user, "B");
    expect(await client.activateExperiment("Pricing", user)).toBe("Variation 1");
    expect(await client.activateExperiment("Three", user)).toBe("B");
    expect(saves).toEqual([]);
    expect(lookups).toEqual([]);
    expect(storage.lookup(user)).toEqual({ userId: user, experiments: { PRICE: "V0" } });
    client.setForcedVariation("Pricing", user, null);
    expect(await client.decide("Pricing", user)).toMatchObject({
      variationName: "Original",
      reason: "STORED",
    });
  });

  it("an unknown experiment or variation in the option: one warning each, force ignored", async () => {
    const user = userIn("Original");
    const { client, logger } = await testClient(settings, {
      forcedVariations: { Pricing: "Nope", Missing: "Original" },
    });
    const warnings = () => logger.at("WARNING").filter((l) => l.includes("forced variation"));
    expect(warnings()).toEqual([
      'forced variation ignored: experiment "Pricing" has no variation "Nope"',
      'forced variation ignored: there is no experiment "Missing"',
    ]);
    expect(await client.decide("Pricing", user)).toMatchObject({ reason: "BUCKETED" });
    expect(await client.decide("Pricing", user)).toMatchObject({ reason: "BUCKETED" });
    expect(warnings()).toHaveLength(2);
  });

  it("setForcedVariation refuses unknown names and bad arguments with a log line", async () => {
    const { client, logger } = await testClient(settings);
    expect(client.setForcedVariation("Missing", "u1", "Original")).toBe(false);
    expect(client.setForcedVariation("Pricing", "u1", "Nope")).toBe(false);
    expect(client.setForcedVariation("", "u1", "Original")).toBe(false);
    expect(client.setForcedVariation("Pricing", "", "Original")).toBe(false);
    expect(client.setForcedVariation("Pricing", "u1", 7 as never)).toBe(false);
    expect(client.getForcedVariation("Pricing", "u1")).toBeNull();
    expect(logger.matching("setForcedVariation", "no experiment of that name")).toHaveLength(1);
    expect(logger.matching("setForcedVariation", "no variation of that name")).toHaveLength(1);
    expect(logger.matching("setForcedVariation", "must be a non-empty string")).toHaveLength(3);
  });

  it("a force whose variation disappears with new settings is ignored with one warning", async () => {
    const server = await startPageSenseServer({ sdkKey: "sdk-demo", projectName: "Shop" });
    const logger = new RecordingLogger();
    const client = await createClient({
      accountId: "demo-US",
      sdkKey: "sdk-demo",
      projectName: "Shop",
      baseUrl: server.url,
      pollingInterval: 0,
      logger,
      eventSink: new MemoryEventSink(),
    });
    try {
      expect(client.setForcedVariation("PricingTest", "u1", "Variation 1")).toBe(true);
      expect((await client.decide("PricingTest", "u1", CHROME)).reason).toBe("FORCED");
      const doc = exampleSettings();
      const pricing = doc.projectsettings[0]!.experiments[0]!;
      pricing.variations = pricing.variations.filter((v) => v.variation_name !== "Variation 1");
      server.setSettings(doc);
      expect(await client.getAndUpdateProjectSettings()).toBe(true);
      const decision = await client.decide("PricingTest", "u1", CHROME);
      expect(decision).toMatchObject({ variationName: "Original", reason: "BUCKETED" });
      await client.decide("PricingTest", "u1", CHROME);
      expect(
        logger.matching('experiment "PricingTest" has no variation "Variation 1"'),
      ).toHaveLength(1);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it("an option that is not an object of strings is ignored with a warning", async () => {
    for (const bad of [["Pricing"], { Pricing: 1 }, "Pricing=Original", { Pricing: "" }]) {
      const { client, logger } = await testClient(settings, { forcedVariations: bad as never });
      expect(logger.matching("option forcedVariations", "is not an object")).toHaveLength(1);
      expect((await client.decide("Pricing", "u1")).reason).toBe("BUCKETED");
    }
  });

  it(`holds per-user forces for at most ${MAX_FORCED_USERS} users`, async () => {
    const { client, logger } = await testClient(settings);
    for (let i = 0; i < MAX_FORCED_USERS; i++)
      expect(client.setForcedVariation("Pricing", `u${i}`, "Original")).toBe(true);
    expect(client.setForcedVariation("Pricing", "one-more", "Original")).toBe(false);
    expect(logger.matching("held for 10000 users at most")).toHaveLength(1);
    // A user already held may change; a cleared user frees a place.
    expect(client.setForcedVariation("Three", "u0", "B")).toBe(true);
    expect(client.setForcedVariation("Pricing", "u1", null)).toBe(true);
    expect(client.setForcedVariation("Pricing", "one-more", "Original")).toBe(true);
  });
});
