import "../support/globals";
import type { FakePageSense } from "@pagesense/testing";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Rig, startRig } from "../support/rig";
import type { TestSite } from "../support/site";

let browser: Browser;
let site: TestSite;
let server: FakePageSense;
let context: BrowserContext;
let page: Page;

let rig: Rig;

beforeAll(async () => {
  rig = await startRig();
  ({ browser, site, server } = rig);
});

afterAll(() => rig?.close());

beforeEach(async () => {
  await server.up();
  server.reset();
  context = await browser.newContext();
  page = await context.newPage();
});

afterEach(async () => {
  await context.close();
});

/** Opens the app page and creates `window.client` from the fake server's settings document. */
async function openClient(options: Record<string, unknown> = {}) {
  await page.goto(`${site.url}/app.html`);
  const settings = await fetch(
    `${server.url}/psfullstacksdk/updateprojectsettings?type=24&raw=${encodeURIComponent('{"fpqd":{"a":"demo","ai":"demo-US","sk":"sdk-demo","pn":"Shop"}}')}`,
  ).then((r) => r.text());
  server.reset();
  return page.evaluate(
    async ([opts]) => {
      window.client = await window.PSTest.createClient({ logLevel: "OFF", ...opts });
      return window.client.visitorId;
    },
    [{ settings, baseUrl: server.url, ...options }] as const,
  );
}

const stats = () => page.evaluate(() => window.client.getStats());

/** Activates PricingTest and tracks its goal for the visitor (two events). */
const activateAndConvert = () =>
  page.evaluate(async () => {
    const variation = await window.client.visitor.activateExperiment("PricingTest");
    await window.client.visitor.trackGoal("PricingTest", "PurchaseCompleted", 25);
    return variation;
  });

/** queued = sent + dropped + pending + kept in localStorage: nothing disappears unaccounted. */
function expectAccounted(s: Awaited<ReturnType<typeof stats>>) {
  expect(s.eventsQueued).toBe(s.eventsSent + s.eventsDropped + s.eventsPending + s.eventsStored);
}

describe("event delivery from Chromium", () => {
  it("delivers visits and goals with keepalive fetch, as text/plain JSON (no preflight)", async () => {
    const visitorId = await openClient({ attributes: { plan: "pro" } });
    const variation = await activateAndConvert();
    await page.evaluate(() => window.client.flush());
    expect(server.visits).toEqual([
      expect.objectContaining({
        userId: visitorId,
        b: "EXP1",
        c: variation === "Original" ? "V0" : "V1",
        fsca: expect.arrayContaining([
          { ln: "Browser", v: "Chrome" },
          { ln: "OS", v: "Linux" },
          { ln: "Device", v: "Desktop" },
          { ln: "plan", v: "pro" },
        ]),
      }),
    ]);
    expect(server.goals).toEqual([
      expect.objectContaining({ userId: visitorId, gln: "purchase", ipl: true, rv: 25 }),
    ]);
    for (const r of server.eventRequests) {
      expect(r.method).toBe("POST");
      expect(r.headers["content-type"]).toBe("text/plain;charset=UTF-8");
      expect(r.headers["sec-fetch-mode"]).toBe("cors");
    }
    const s = await stats();
    expect(s).toMatchObject({ eventsQueued: 2, eventsSent: 2, eventsDropped: 0, eventsStored: 0 });
    expectAccounted(s);
  });

  it("sends events with the requestTimeout core accepted: an invalid one (0) falls back to the default", async () => {
    await openClient({ requestTimeout: 0 });
    await activateAndConvert();
    await page.evaluate(() => window.client.flush());
    expect(server.visits).toHaveLength(1);
    expect(server.goals).toHaveLength(1);
    expect(await stats()).toMatchObject({ eventsSent: 2, eventsDropped: 0, eventsRetried: 0 });
  });

  it("beacons the events still queued when the visitor leaves the page", async () => {
    const visitorId = await openClient({ flushInterval: 60_000 });
    await activateAndConvert();
    expect(await stats()).toMatchObject({ eventsPending: 2, eventsSent: 0 });
    expect(server.eventRequests).toHaveLength(0);
    await page.goto(`${site.url}/blank.html`);
    await server.waitFor((s) => s.visits.length === 1 && s.goals.length === 1);
    expect(server.visits[0]!.userId).toBe(visitorId);
    // A beacon with a safelisted body type is a no-cors request; fetch() would be "cors".
    expect(server.eventRequests.map((r) => r.headers["sec-fetch-mode"])).toEqual([
      "no-cors",
      "no-cors",
    ]);
  });

  it("beacons queued events when the page is hidden, and goes on with fetch when it is shown", async () => {
    await openClient({ flushInterval: 60_000 });
    await activateAndConvert();
    const setVisibility = (state: "hidden" | "visible") =>
      page.evaluate((state) => {
        Object.defineProperty(document, "visibilityState", { configurable: true, value: state });
        document.dispatchEvent(new Event("visibilitychange"));
      }, state);
    await setVisibility("hidden");
    await server.waitFor((s) => s.visits.length === 1 && s.goals.length === 1);
    expect(await stats()).toMatchObject({ eventsSent: 2, eventsPending: 0 });
    await setVisibility("visible");
    await page.evaluate(async () => {
      await window.client.visitor.trackGoal("PricingTest", "PurchaseCompleted");
      await window.client.flush();
    });
    expect(server.goals).toHaveLength(2);
    expect(server.eventRequests.map((r) => r.headers["sec-fetch-mode"])).toEqual([
      "no-cors",
      "no-cors",
      "cors",
    ]);
    expectAccounted(await stats());
  });

  it("keeps events in localStorage while the server is down and delivers them after a reload", async () => {
    const visitorId = await openClient({ maxRetries: 1, retryDelay: 20 });
    await server.down();
    await activateAndConvert();
    await page.evaluate(() => window.client.flush());
    const down = await stats();
    expect(down).toMatchObject({
      eventsSent: 0,
      eventsDropped: 0,
      eventsStored: 2,
      eventsRetried: 2,
    });
    expectAccounted(down);
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem("pagesense:outbox")!));
    expect(kept).toHaveLength(2);

    await server.up();
    await openClient();
    await server.waitFor((s) => s.visits.length === 1 && s.goals.length === 1);
    expect(server.visits[0]!.userId).toBe(visitorId);
    expect(server.goals[0]!.rv).toBe(25);
    await page.evaluate(() => window.client.flush());
    const after = await stats();
    expect(after).toMatchObject({ eventsRestored: 2, eventsQueued: 2, eventsSent: 2 });
    expectAccounted(after);
    expect(await page.evaluate(() => localStorage.getItem("pagesense:outbox"))).toBeNull();
  });

  it("keeps events waiting for a retry when the visitor leaves, instead of beaconing them blind", async () => {
    await openClient({ maxRetries: 5, retryDelay: 60_000 });
    server.fail("events", { status: 503 });
    await activateAndConvert();
    await page.waitForFunction(() => window.client.getStats().eventsRetried === 2);
    await page.goto(`${site.url}/blank.html`);
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem("pagesense:outbox")!));
    expect(kept.map((e: { kind: string }) => e.kind).sort()).toEqual(["goal", "visit"]);
    expect(server.visits).toHaveLength(0);

    server.clearFailures();
    await openClient();
    await server.waitFor((s) => s.visits.length === 1 && s.goals.length === 1);
  });

  it("keeps at most maxStoredEvents; the rest is dropped and counted", async () => {
    await openClient({ maxRetries: 0, maxStoredEvents: 3, flushInterval: 60_000 });
    await server.down();
    await page.evaluate(async () => {
      for (const e of ["PricingTest", "PricingTest", "PricingTest"])
        await window.client.visitor.activateExperiment(e);
      await window.client.visitor.trackGoal("PricingTest", "PurchaseCompleted");
      await window.client.visitor.trackGoal("PricingTest", "PurchaseCompleted");
      await window.client.flush();
    });
    const s = await stats();
    expect(s).toMatchObject({ eventsQueued: 5, eventsStored: 3, eventsDropped: 2, eventsSent: 0 });
    expectAccounted(s);
  });
});
