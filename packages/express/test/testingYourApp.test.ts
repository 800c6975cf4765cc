// The README's "Testing your app" example, verbatim: an app's own vitest test of an Express app
// over real HTTP, with the test client from @pagesense/core/testing.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { PageSenseClient } from "@pagesense/core";
import { createTestClient } from "@pagesense/core/testing";
import { pagesense } from "@pagesense/express";
import express from "express";
import { afterEach, expect, it } from "vitest";

// Your app, built around the client it is given (createClient's in production).
function createApp(client: PageSenseClient) {
  const app = express();
  app.use(pagesense({ client }));
  app.get("/pricing", async (req, res) => {
    const variation = await req.pagesense.activateExperiment("PricingTest");
    res.send(variation === "Variation 1" ? "new pricing" : "old pricing");
  });
  app.post("/buy", async (req, res) => {
    await req.pagesense.trackGoal("PricingTest", "PurchaseCompleted", 49);
    res.sendStatus(204);
  });
  return app;
}

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server?.closeAllConnections();
});

async function start(client: PageSenseClient): Promise<string> {
  server = createApp(client).listen(0, "127.0.0.1");
  await new Promise((resolve) => server?.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

it("shows the new pricing in Variation 1 and records the visit and the purchase", async () => {
  const client = await createTestClient({
    variations: { PricingTest: "Variation 1" },
    goals: ["PurchaseCompleted"],
  });
  const url = await start(client);

  const page = await fetch(`${url}/pricing`);
  expect(await page.text()).toBe("new pricing");
  const cookie = page.headers.get("set-cookie")?.split(";")[0] ?? "";
  await fetch(`${url}/buy`, { method: "POST", headers: { cookie } });

  const [visit] = client.visits("PricingTest");
  expect(visit?.variationName).toBe("Variation 1");
  expect(client.goals("PurchaseCompleted")).toEqual([
    expect.objectContaining({ userId: visit?.userId, variationName: "Variation 1", revenue: 49 }),
  ]);
});

it("shows the old pricing when the user is not in the test", async () => {
  const client = await createTestClient({ variations: { PricingTest: null } });
  const url = await start(client);

  expect(await (await fetch(`${url}/pricing`)).text()).toBe("old pricing");
  expect(client.events()).toEqual([]);
});
