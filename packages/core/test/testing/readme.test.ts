// The README's "Testing your app" example, verbatim.
import type { PageSenseClient } from "@pagesense/core";
import { createTestClient } from "@pagesense/core/testing";
import { expect, it } from "vitest";

// App code takes the client it is given (createClient's in production).
async function pricingPage(client: PageSenseClient, userId: string): Promise<string> {
  const variation = await client.activateExperiment("PricingTest", userId, { plan: "pro" });
  return variation === "Variation 1" ? "new pricing" : "old pricing";
}

it("shows the new pricing in Variation 1", async () => {
  const client = await createTestClient({
    variations: { PricingTest: "Variation 1" },
    goals: ["PurchaseCompleted"],
  });

  expect(await pricingPage(client, "u1")).toBe("new pricing");
  expect(client.visits("PricingTest")).toEqual([
    {
      kind: "visit",
      userId: "u1",
      experimentName: "PricingTest",
      variationName: "Variation 1",
      attributes: { plan: "pro" },
    },
  ]);

  // One user in the other variation (reason FORCED), the others as told.
  client.setForcedVariation("PricingTest", "u2", "Original");
  expect(await pricingPage(client, "u2")).toBe("old pricing");

  await client.trackGoal("PricingTest", "u1", "PurchaseCompleted", 49);
  expect(client.goals("PurchaseCompleted")).toEqual([
    expect.objectContaining({ userId: "u1", variationName: "Variation 1", revenue: 49 }),
  ]);

  client.reset();
  expect(client.events()).toEqual([]);
});
