import { describe, expect, it } from "vitest";
import { toPayloads } from "../../src/events/payloads";
import type { GoalNotification } from "../../src/notifications/types";
import { testClient } from "../fixtures/client";
import { and, audience, experiment, goal, leaf, specExample } from "../fixtures/settings";
import { bucketOf, findUser } from "../fixtures/users";

const settings = {
  audiences: [audience("chrome", and(leaf("Browser", 1, ["Chrome"])))],
  goals: [goal("Purchase", "purchase"), goal("Signup", "signup"), goal("Orphan", "orphan")],
  experiments: [
    experiment("Pricing", {
      experiment_key: "PRICE",
      goals: [
        { goal_link_name: "purchase", is_primary_goal: true },
        { goal_link_name: "signup", is_primary_goal: false },
      ],
    }),
    experiment("Half", {
      experiment_key: "HALF",
      permitted_traffic: 50,
      goals: [{ goal_link_name: "purchase", is_primary_goal: true }],
    }),
    experiment("Targeted", {
      audiences: [{ audience_link_name: "chrome" }],
      goals: [{ goal_link_name: "purchase", is_primary_goal: true }],
    }),
    experiment("Paused", {
      experiment_status: 3,
      goals: [{ goal_link_name: "purchase", is_primary_goal: true }],
    }),
  ],
};

describe("trackGoal", () => {
  it("queues a goal event with gln and ipl for a qualified user, without earlier activation", async () => {
    const { client, sink } = await testClient(settings);
    const variationKey = (await client.decide("Pricing", "user-1")).variationKey;
    await expect(client.trackGoal("Pricing", "user-1", "Purchase")).resolves.toBeUndefined();
    expect(sink.events).toEqual([
      {
        kind: "goal",
        userId: "user-1",
        record: {
          a: "demo",
          b: "PRICE",
          c: variationKey,
          p: "Shop-PK",
          ek: "ENV1",
          lk: 1,
          fsca: [],
          gln: "purchase",
          ipl: true,
        },
      },
    ]);
    expect(sink.events[0]!.record).not.toHaveProperty("rv");
  });

  it("reports is_primary_goal of the experiment's link", async () => {
    const { client, sink } = await testClient(settings);
    await client.trackGoal("Pricing", "user-1", "Signup");
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]!.record).toMatchObject({ gln: "signup", ipl: false });
  });

  it("adds rv only when a revenue is given (0 included)", async () => {
    const { client, sink } = await testClient(settings);
    await client.trackGoal("Pricing", "user-1", "Purchase", 49.99);
    await client.trackGoal("Pricing", "user-1", "Purchase", 0);
    await client.trackGoal("Pricing", "user-1", "Purchase", -5);
    await client.trackGoal("Pricing", "user-1", "Purchase", { plan: "pro" });
    expect(sink.events.map((e) => ("rv" in e.record ? e.record.rv : "none"))).toEqual([
      49.99,
      0,
      -5,
      "none",
    ]);
  });

  it("takes attributes after a revenue, or in place of it", async () => {
    const { client, sink } = await testClient(settings);
    await client.trackGoal("Targeted", "user-1", "Purchase", 10, { Browser: "Chrome" });
    await client.trackGoal("Targeted", "user-1", "Purchase", { Browser: "Chrome" });
    expect(sink.events).toHaveLength(2);
    expect(sink.events[0]!.record).toMatchObject({
      rv: 10,
      fsca: [{ ln: "Browser", v: "Chrome" }],
    });
    expect(sink.events[1]!.record.fsca).toEqual([{ ln: "Browser", v: "Chrome" }]);
    expect(sink.events[1]!.record).not.toHaveProperty("rv");
  });

  it("records two conversions when called twice (no de-duplication)", async () => {
    const { client, sink } = await testClient(settings);
    await client.trackGoal("Pricing", "user-1", "Purchase");
    await client.trackGoal("Pricing", "user-1", "Purchase");
    expect(sink.events).toHaveLength(2);
    expect(sink.events[0]).toEqual(sink.events[1]);
  });

  it("matches the variation activateExperiment returned", async () => {
    const { client, sink } = await testClient(settings);
    for (let i = 0; i < 50; i++) {
      const user = `buyer-${i}`;
      const seen = await client.activateExperiment("Pricing", user);
      await client.trackGoal("Pricing", user, "Purchase");
      const [visit, conversion] = sink.events.splice(0);
      expect(visit!.kind).toBe("visit");
      expect(conversion!.kind).toBe("goal");
      expect(conversion!.record.c).toBe(visit!.record.c);
      expect(seen).toBe(seen === "Original" ? "Original" : "Variation 1");
      expect(visit!.record.c).toBe(seen === "Original" ? "V0" : "V1");
    }
  });

  it("does nothing for an unknown goal, and says so", async () => {
    const { client, sink, logger } = await testClient(settings);
    await client.trackGoal("Pricing", "user-1", "purchase");
    await client.trackGoal("Pricing", "user-1", "Nope");
    expect(sink.events).toEqual([]);
    expect(logger.matching('no goal named "Nope"', "goal not tracked")).toHaveLength(1);
    expect(logger.matching('no goal named "purchase"')).toHaveLength(1);
  });

  it("does nothing for a goal not linked to the experiment, and says so", async () => {
    const { client, sink, logger } = await testClient(settings);
    await client.trackGoal("Pricing", "user-1", "Orphan");
    await client.trackGoal("Half", "user-1", "Signup");
    expect(sink.events).toEqual([]);
    expect(logger.matching('goal "Orphan" is not linked to experiment "Pricing"')).toHaveLength(1);
    expect(logger.matching('goal "Signup" is not linked to experiment "Half"')).toHaveLength(1);
  });

  it("does nothing for a user outside the permitted traffic", async () => {
    const { client, sink } = await testClient(settings);
    const outside = findUser("HALF", (b) => b >= 5000);
    const inside = findUser("HALF", (b) => b < 5000);
    await client.trackGoal("Half", outside, "Purchase");
    expect(sink.events).toEqual([]);
    await client.trackGoal("Half", inside, "Purchase");
    expect(sink.events).toHaveLength(1);
  });

  it("does nothing for a user outside the audience, or without attributes", async () => {
    const { client, sink } = await testClient(settings);
    await client.trackGoal("Targeted", "user-1", "Purchase", { Browser: "Edge" });
    await client.trackGoal("Targeted", "user-1", "Purchase");
    await client.trackGoal("Targeted", "user-1", "Purchase", 10);
    expect(sink.events).toEqual([]);
    await client.trackGoal("Targeted", "user-1", "Purchase", { Browser: "Chrome" });
    expect(sink.events).toHaveLength(1);
  });

  it("does nothing for an experiment that is not running or does not exist", async () => {
    const { client, sink } = await testClient(settings);
    await client.trackGoal("Paused", "user-1", "Purchase");
    await client.trackGoal("Missing", "user-1", "Purchase");
    expect(sink.events).toEqual([]);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    "does nothing for a revenue of %d, and logs an error",
    async (revenue) => {
      const { client, sink, logger } = await testClient(settings);
      await expect(
        client.trackGoal("Pricing", "user-1", "Purchase", revenue),
      ).resolves.toBeUndefined();
      expect(sink.events).toEqual([]);
      expect(logger.matching("revenue must be a finite number")).toHaveLength(1);
    },
  );

  it.each([
    ["", "empty"],
    [null, "null"],
    [5, "a number"],
  ] as Array<[unknown, string]>)("does nothing for a goal name of %j (%s)", async (goalName) => {
    const { client, sink, logger } = await testClient(settings);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong argument type
    await expect(client.trackGoal("Pricing", "user-1", goalName as any)).resolves.toBeUndefined();
    expect(sink.events).toEqual([]);
    expect(logger.matching("goalName must be a non-empty string")).toHaveLength(1);
  });

  it("notifies goal listeners with the conversion", async () => {
    const { client } = await testClient(settings);
    const seen: GoalNotification[] = [];
    client.on("goal", (n) => seen.push(n));
    await client.trackGoal("Pricing", "user-1", "Purchase", 12, { plan: "pro" });
    await client.trackGoal("Pricing", "user-1", "Orphan");
    expect(seen).toEqual([
      {
        experimentName: "Pricing",
        userId: "user-1",
        goalName: "Purchase",
        variationName: (await client.decide("Pricing", "user-1")).variationName,
        revenue: 12,
        attributes: { plan: "pro" },
      },
    ]);
  });

  it("sends the spec example's goal as a trackgoal body", async () => {
    const { client, sink } = await testClient(specExample());
    // EXP1_user123 hashes to bucket 213: "Original" (V0) at 50/50.
    expect(bucketOf("EXP1", "user123")).toBe(213);
    await client.trackGoal("PricingTest", "user123", "PurchaseCompleted", 99.5, {
      Browser: "Chrome",
    });
    expect(JSON.stringify(toPayloads(sink.events))).toBe(
      JSON.stringify([
        {
          kind: "goal",
          userId: "user123",
          body: {
            furd: { f: "user123" },
            fgrd: [
              {
                a: "demo",
                b: "EXP1",
                c: "V0",
                p: "P1",
                ek: "ENV1",
                lk: 1,
                fsca: [{ ln: "Browser", v: "Chrome" }],
                gln: "purchase",
                ipl: true,
                rv: 99.5,
              },
            ],
          },
        },
      ]),
    );
  });
});
