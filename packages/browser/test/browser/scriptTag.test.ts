import "../support/globals";
import type { FakePageSense } from "@pagesense/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Rig, startRig } from "../support/rig";
import type { TestSite } from "../support/site";

let browser: Browser;
let site: TestSite;
let server: FakePageSense;

let rig: Rig;

beforeAll(async () => {
  rig = await startRig();
  ({ browser, site, server } = rig);
});

afterAll(() => rig?.close());

describe("the IIFE build in a plain <script> tag", () => {
  it("exposes window.PageSense, which fetches settings, decides and delivers events", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${site.url}/script.html`);
    expect(await page.evaluate(() => Object.keys(window.PageSense).sort())).toEqual(
      expect.arrayContaining(["createClient", "LocalStorageUserStorage", "detectUserAgent"]),
    );
    const result = await page.evaluate(
      async ([baseUrl]) => {
        const client = await window.PageSense.createClient({
          accountId: "demo-US",
          sdkKey: "sdk-demo",
          projectName: "Shop",
          baseUrl,
          logLevel: "OFF",
        });
        const variation = await client.visitor.activateExperiment("PricingTest");
        await client.visitor.trackGoal("PricingTest", "PurchaseCompleted");
        await client.flush();
        return { variation, visitorId: client.visitorId, stats: client.getStats() };
      },
      [server.url] as const,
    );
    expect(result.variation).toMatch(/^(Original|Variation 1)$/);
    expect(result.stats).toMatchObject({ eventsSent: 2, eventsDropped: 0 });
    expect(server.visits.map((v) => v.userId)).toEqual([result.visitorId]);
    expect(server.goals.map((g) => g.userId)).toEqual([result.visitorId]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("runs where localStorage throws, and beacons at pagehide", async () => {
    server.reset();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}/script.html?blockStorage`);
    const visitorId = await page.evaluate(
      async ([baseUrl]) => {
        const client = await window.PageSense.createClient({
          accountId: "demo-US",
          sdkKey: "sdk-demo",
          projectName: "Shop",
          baseUrl,
          flushInterval: 60_000,
          logLevel: "OFF",
        });
        await client.visitor.activateExperiment("PricingTest");
        return client.visitorId;
      },
      [server.url] as const,
    );
    await page.goto(`${site.url}/blank.html`);
    await server.waitFor((s) => s.visits.length === 1);
    expect(server.visits[0]!.userId).toBe(visitorId);
    await context.close();
  });
});
