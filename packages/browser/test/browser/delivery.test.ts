import "../support/globals";
import { describe, expect, it } from "vitest";
import { useBrowserRig } from "../support/rig";

const rig = useBrowserRig();

/** Opens the app page and creates `window.client` from the fake server's settings document. */
async function openClient(options: Record<string, unknown> = {}) {
  await rig.page.goto(`${rig.site.url}/app.html`);
  const settings = await fetch(
    `${rig.server.url}/psfullstacksdk/updateprojectsettings?type=24&raw=${encodeURIComponent('{"fpqd":{"a":"demo","ai":"demo-US","sk":"sdk-demo","pn":"Shop"}}')}`,
  ).then((r) => r.text());
  rig.server.reset();
  return rig.page.evaluate(
    async ([opts]) => {
      window.client = await window.PSTest.createClient({ logLevel: "OFF", ...opts });
      return window.client.visitorId;
    },
    [{ settings, baseUrl: rig.server.url, ...options }] as const,
  );
}

const stats = () => rig.page.evaluate(() => window.client.getStats());

/** Activates PricingTest and tracks its goal for the visitor (two events). */
const activateAndConvert = () =>
  rig.page.evaluate(async () => {
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
    await rig.page.evaluate(() => window.client.flush());
    expect(rig.server.visits).toEqual([
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
    expect(rig.server.goals).toEqual([
      expect.objectContaining({ userId: visitorId, gln: "purchase", ipl: true, rv: 25 }),
    ]);
    for (const r of rig.server.eventRequests) {
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
    await rig.page.evaluate(() => window.client.flush());
    expect(rig.server.visits).toHaveLength(1);
    expect(rig.server.goals).toHaveLength(1);
    expect(await stats()).toMatchObject({ eventsSent: 2, eventsDropped: 0, eventsRetried: 0 });
  });

  it("beacons the events still queued when the visitor leaves the page", async () => {
    const visitorId = await openClient({ flushInterval: 60_000 });
    await activateAndConvert();
    expect(await stats()).toMatchObject({ eventsPending: 2, eventsSent: 0 });
    expect(rig.server.eventRequests).toHaveLength(0);
    await rig.page.goto(`${rig.site.url}/blank.html`);
    await rig.server.waitFor((s) => s.visits.length === 1 && s.goals.length === 1);
    expect(rig.server.visits[0]!.userId).toBe(visitorId);
    // A beacon with a safelisted body type is a no-cors request; fetch() would be "cors".
    expect(rig.server.eventRequests.map((r) => r.headers["sec-fetch-mode"])).toEqual([
      "no-cors",
      "no-cors",
    ]);
  });

  it("beacons queued events when the page is hidden, and goes on with fetch when it is shown", async () => {
    await openClient({ flushInterval: 60_000 });
    await activateAndConvert();
    const setVisibility = (state: "hidden" | "visible") =>
      rig.page.evaluate((state) => {
        Object.defineProperty(document, "visibilityState", { configurable: true, value: state });
        document.dispatchEvent(new Event("visibilitychange"));
      }, state);
    await setVisibility("hidden");
    await rig.server.waitFor((s) => s.visits.length === 1 && s.goals.length === 1);
    expect(await stats()).toMatchObject({ eventsSent: 2, eventsPending: 0 });
    await setVisibility("visible");
    await rig.page.evaluate(async () => {
      await window.client.visitor.trackGoal("PricingTest", "PurchaseCompleted");
      await window.client.flush();
    });
    expect(rig.server.goals).toHaveLength(2);
    expect(rig.server.eventRequests.map((r) => r.headers["sec-fetch-mode"])).toEqual([
      "no-cors",
      "no-cors",
      "cors",
    ]);
    expectAccounted(await stats());
  });

  it("keeps events in localStorage while the server is down and delivers them after a reload", async () => {
    const visitorId = await openClient({ maxRetries: 1, retryDelay: 20 });
    await rig.server.down();
    await activateAndConvert();
    await rig.page.evaluate(() => window.client.flush());
    const down = await stats();
    expect(down).toMatchObject({
      eventsSent: 0,
      eventsDropped: 0,
      eventsStored: 2,
      eventsRetried: 2,
    });
    expectAccounted(down);
    const kept = await rig.page.evaluate(() =>
      JSON.parse(localStorage.getItem("pagesense:outbox")!),
    );
    expect(kept).toHaveLength(2);

    await rig.server.up();
    await openClient();
    await rig.server.waitFor((s) => s.visits.length === 1 && s.goals.length === 1);
    expect(rig.server.visits[0]!.userId).toBe(visitorId);
    expect(rig.server.goals[0]!.rv).toBe(25);
    await rig.page.evaluate(() => window.client.flush());
    const after = await stats();
    expect(after).toMatchObject({ eventsRestored: 2, eventsQueued: 2, eventsSent: 2 });
    expectAccounted(after);
    expect(await rig.page.evaluate(() => localStorage.getItem("pagesense:outbox"))).toBeNull();
  });

  it("keeps events waiting for a retry when the visitor leaves, instead of beaconing them blind", async () => {
    await openClient({ maxRetries: 5, retryDelay: 60_000 });
    rig.server.fail("events", { status: 503 });
    await activateAndConvert();
    await rig.page.waitForFunction(() => window.client.getStats().eventsRetried === 2);
    await rig.page.goto(`${rig.site.url}/blank.html`);
    const kept = await rig.page.evaluate(() =>
      JSON.parse(localStorage.getItem("pagesense:outbox")!),
    );
    expect(kept.map((e: { kind: string }) => e.kind).sort()).toEqual(["goal", "visit"]);
    expect(rig.server.visits).toHaveLength(0);

    rig.server.clearFailures();
    await openClient();
    await rig.server.waitFor((s) => s.visits.length === 1 && s.goals.length === 1);
  });

  it("keeps at most maxStoredEvents; the rest is dropped and counted", async () => {
    await openClient({ maxRetries: 0, maxStoredEvents: 3, flushInterval: 60_000 });
    await rig.server.down();
    await rig.page.evaluate(async () => {
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
