import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { WebhookClient } from "../../src/client/WebhookClient";
import { testClient } from "../fixtures/client";
import { and, audience, experiment, goal, leaf, or, variation } from "../fixtures/settings";
import { bucketOf } from "../fixtures/users";

const settings = {
  audiences: [
    audience(
      "mixed",
      or(
        and(leaf("Browser", 1, ["Chrome", "Edge"]), leaf("country", 2, ["US"])),
        and(leaf("plan", 3, ["pro"]), leaf("__proto__", 4, ["x"])),
      ),
    ),
    audience("strict", and(leaf("country", 1, ["IN"]))),
  ],
  goals: [goal("Buy", "buy")],
  experiments: [
    experiment("All", { experiment_key: "ALL" }),
    experiment("Partial", {
      experiment_key: "PART",
      permitted_traffic: 35,
      variations: [variation("A", 10), variation("B", 30), variation("C", 60)],
      audiences: [{ audience_link_name: "mixed" }, { audience_link_name: "strict" }],
      goals: [{ goal_link_name: "buy", is_primary_goal: true }],
    }),
    experiment("Paused", { experiment_status: 4 }),
  ],
};

const KEYS: Record<string, string> = { All: "ALL", Partial: "PART" };

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme", maxLength: 50 }),
);
const experimentName = fc.oneof(fc.constantFrom("All", "Partial", "Paused", ""), text);
const attributeKey = fc.oneof(
  fc.constantFrom("Browser", "country", "plan", "__proto__", "constructor", "toString"),
  text,
);
const attributeValue = fc.oneof(fc.constantFrom("Chrome", "Edge", "US", "IN", "pro", "x"), text);
/** Attribute maps built with Object.fromEntries, so a "__proto__" key is an own data property. */
const attributes = fc.oneof(
  fc.constant(undefined),
  fc.array(fc.tuple(attributeKey, attributeValue), { maxLength: 8 }).map(Object.fromEntries),
);

describe("properties", () => {
  let client: WebhookClient;
  let fresh: WebhookClient;
  beforeAll(async () => {
    client = (await testClient(settings, { logLevel: "OFF" })).client;
    fresh = (await testClient(settings, { logLevel: "OFF" })).client;
  });

  it("decide and getVariationName never reject and are deterministic, across clients", async () => {
    await fc.assert(
      fc.asyncProperty(experimentName, text, attributes, async (name, userId, attrs) => {
        const first = await client.decide(name, userId, attrs);
        const again = await client.decide(name, userId, attrs);
        const other = await fresh.decide(name, userId, attrs);
        expect(again).toEqual(first);
        expect(other).toEqual(first);
        const variationName = await client.getVariationName(name, userId, attrs);
        expect(variationName).toBe(first.variationName);
        expect(await fresh.getVariationName(name, userId, attrs)).toBe(variationName);
        if (first.reason === "BUCKETED") {
          expect(first.bucket).toBe(bucketOf(KEYS[name]!, userId));
          expect(first.variationName).not.toBeNull();
        } else {
          expect(first.variationName).toBeNull();
        }
      }),
      { numRuns: 500 },
    );
  });

  it("activateExperiment and trackGoal never reject and agree with decide", async () => {
    const { client: tracking, sink } = await testClient(settings, { logLevel: "OFF" });
    await fc.assert(
      fc.asyncProperty(
        experimentName,
        text,
        attributes,
        fc.option(fc.double()),
        async (name, userId, attrs, revenue) => {
          sink.events.length = 0;
          const decision = await tracking.decide(name, userId, attrs);
          expect(await tracking.activateExperiment(name, userId, attrs)).toBe(
            decision.variationName,
          );
          const visits = decision.variationName === null ? 0 : 1;
          expect(sink.events).toHaveLength(visits);
          if (revenue === null) await tracking.trackGoal(name, userId, "Buy", attrs);
          else await tracking.trackGoal(name, userId, "Buy", revenue, attrs);
          const goals =
            name === "Partial" &&
            decision.variationName !== null &&
            (revenue === null || Number.isFinite(revenue))
              ? 1
              : 0;
          expect(sink.events).toHaveLength(visits + goals);
        },
      ),
      { numRuns: 300 },
    );
  });
});
