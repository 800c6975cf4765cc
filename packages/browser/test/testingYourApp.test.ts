// The README's "Testing your app" example, verbatim (in Node: the test client needs no browser).
import { type BrowserClientOptions, createClient, type UserContext } from "@pagesense/browser";
import { createTestClient } from "@pagesense/core/testing";
import { expect, it } from "vitest";

// Your page code takes the visitor's operations (a UserContext) rather than the client...
export async function pricingLayout(visitor: UserContext): Promise<"featured" | "side-by-side"> {
  const variation = await visitor.activateExperiment("PricingTest");
  return variation === "Variation 1" ? "featured" : "side-by-side";
}

// ...so the page hands it client.visitor (here with QA links on)...
export async function startPricingPage(options: BrowserClientOptions): Promise<string> {
  const client = await createClient({ ...options, allowUrlOverrides: true });
  return pricingLayout(client.visitor);
}

// ...and a test hands it a test client's user.
it("features the top plan in Variation 1", async () => {
  const client = await createTestClient({ variations: { PricingTest: "Variation 1" } });
  const visitor = client.forUser("visitor-1", { Browser: "Chrome" });

  expect(await pricingLayout(visitor)).toBe("featured");
  expect(client.visits("PricingTest")).toEqual([
    expect.objectContaining({ userId: "visitor-1", attributes: { Browser: "Chrome" } }),
  ]);
});
