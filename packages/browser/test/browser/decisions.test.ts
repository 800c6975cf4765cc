import "../support/globals";
import { createClient as createCoreClient, MemoryEventSink } from "@pagesense/core";
import { userAgentAttributes } from "@pagesense/node/http";
import { exampleSettings } from "@pagesense/testing";
import { describe, expect, it } from "vitest";
import { useBrowserRig } from "../support/rig";
import { richSettings } from "../support/settings";

const rig = useBrowserRig({ settings: richSettings() });

/** Opens the app page and creates `window.client` with these options (settings fetched from the fake server by default). */
async function openClient(options: Record<string, unknown> = {}, query = "") {
  await rig.page.goto(`${rig.site.url}/app.html${query}`);
  return rig.page.evaluate(
    async ([opts]) => {
      window.client = await window.PSTest.createClient({ logLevel: "OFF", ...opts });
      return {
        visitorId: window.client.visitorId,
        attributes: window.client.attributes,
        ready: window.client.isReady(),
      };
    },
    [
      {
        accountId: "demo-US",
        sdkKey: "sdk-demo",
        projectName: "Shop",
        baseUrl: rig.server.url,
        ...options,
      },
    ] as const,
  );
}

describe("decisions in Chromium", () => {
  it("gives the same visitor the same id and variation across reloads", async () => {
    const first = await openClient();
    expect(first.ready).toBe(true);
    expect(first.visitorId).toMatch(/^[0-9a-f-]{36}$/);
    const variations = await rig.page.evaluate(() =>
      Promise.all(
        ["PricingTest", "Layout", "Banner"].map((e) => window.client.visitor.getVariationName(e)),
      ),
    );
    expect(variations[0]).toMatch(/^(Original|Variation 1)$/);
    expect(variations[2]).toMatch(/^(Original|Red)$/);

    for (let i = 0; i < 2; i++) {
      const again = await openClient();
      expect(again.visitorId).toBe(first.visitorId);
      const after = await rig.page.evaluate(() =>
        Promise.all(
          ["PricingTest", "Layout", "Banner"].map((e) => window.client.visitor.getVariationName(e)),
        ),
      );
      expect(after).toEqual(variations);
    }
  });

  it("detects Browser, OS and Device in the shared vocabulary, so the Chrome audience matches", async () => {
    const { attributes } = await openClient({ attributes: { plan: "pro" } });
    expect(attributes).toEqual({ Browser: "Chrome", OS: "Linux", Device: "Desktop", plan: "pro" });
    // The same values a server adapter derives from this browser's User-Agent header.
    const serverSide = userAgentAttributes(await rig.page.evaluate(() => navigator.userAgent));
    expect({ ...serverSide, plan: "pro" }).toEqual(attributes);
    const overridden = await openClient({ attributes: { Browser: "Firefox" } });
    expect(overridden.attributes.Browser).toBe("Firefox");
    const decision = await rig.page.evaluate(() => window.client.visitor.decide("PricingTest"));
    expect(decision).toMatchObject({ variationName: null, reason: "AUDIENCE_MISMATCH" });
  });

  it("uses a bootstrapped settings document at once, without fetching", async () => {
    const { ready } = await openClient({
      accountId: undefined,
      sdkKey: undefined,
      projectName: undefined,
      settings: JSON.stringify(exampleSettings()),
    });
    expect(ready).toBe(true);
    const variation = await rig.page.evaluate(() =>
      window.client.visitor.activateExperiment("PricingTest"),
    );
    expect(variation).toMatch(/^(Original|Variation 1)$/);
    await rig.page.evaluate(() => window.client.flush());
    expect(rig.server.settingsRequests).toHaveLength(0);
    expect(rig.server.visits).toHaveLength(1);
  });

  it("fetches settings once per page load: no polling unless pollingInterval is set", async () => {
    await openClient();
    await rig.page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    expect(rig.server.settingsRequests).toHaveLength(1);
    expect(rig.server.settingsRequests[0]!.fpqd).toEqual({
      a: "demo",
      ai: "demo-US",
      sk: "sdk-demo",
      pn: "Shop",
    });
    const stats = await rig.page.evaluate(() => window.client.getStats());
    expect(stats.settingsFetches).toBe(1);
  });

  it("keeps assignments sticky in localStorage when the traffic layout changes", async () => {
    await openClient();
    const before = await rig.page.evaluate(() => window.client.visitor.decide("Banner"));
    expect(before.reason).toBe("BUCKETED");
    // Flip the shares: hashing alone would move about half of the visitors.
    const doc = richSettings();
    const banner = doc.projectsettings[0]!.experiments.find((e) => e.experiment_name === "Banner")!;
    banner.variations[0]!.traffic_distribution = 1;
    banner.variations[1]!.traffic_distribution = 99;
    rig.server.setSettings(doc);
    await openClient();
    const after = await rig.page.evaluate(() => window.client.visitor.decide("Banner"));
    expect(after).toMatchObject({ variationName: before.variationName, reason: "STORED" });
    rig.server.setSettings(richSettings());
  });

  it("tolerates corrupted stored assignments: the visitor is bucketed again", async () => {
    const { visitorId } = await openClient();
    const first = await rig.page.evaluate(() => window.client.visitor.decide("Banner"));
    await rig.page.evaluate(
      (id) => localStorage.setItem(`pagesense:profile:${id}`, "{not json"),
      visitorId,
    );
    await openClient();
    const again = await rig.page.evaluate(() => window.client.visitor.decide("Banner"));
    expect(again).toMatchObject({ variationName: first.variationName, reason: "BUCKETED" });
    const stored = await rig.page.evaluate(
      (id) => localStorage.getItem(`pagesense:profile:${id}`),
      visitorId,
    );
    expect(JSON.parse(stored!)).toEqual({ "EXP-BANNER": expect.any(String) });
  });

  it("works when localStorage throws: the visitor id lives in a first-party cookie", async () => {
    const first = await openClient({}, "?blockStorage");
    expect(
      await rig.page.evaluate(() => {
        try {
          return typeof window.localStorage;
        } catch (error) {
          return (error as Error).name;
        }
      }),
    ).toBe("SecurityError");
    const variation = await rig.page.evaluate(() =>
      window.client.visitor.activateExperiment("PricingTest"),
    );
    expect(variation).toMatch(/^(Original|Variation 1)$/);
    await rig.page.evaluate(() =>
      window.client.visitor.trackGoal("PricingTest", "PurchaseCompleted"),
    );
    await rig.page.evaluate(() => window.client.flush());
    expect(rig.server.visits.map((v) => v.userId)).toEqual([first.visitorId]);
    expect(rig.server.goals.map((g) => g.userId)).toEqual([first.visitorId]);
    const cookies = await rig.context.cookies(rig.site.url);
    expect(cookies.find((c) => c.name === "pagesense_vid")?.value).toBe(first.visitorId);

    const second = await openClient({}, "?blockStorage");
    expect(second.visitorId).toBe(first.visitorId);
    expect(
      await rig.page.evaluate(() => window.client.visitor.getVariationName("PricingTest")),
    ).toBe(variation);
  });

  it("keeps working when localStorage is full: same visitor, decisions and events", async () => {
    const first = await openClient();
    const variation = await rig.page.evaluate(() =>
      window.client.visitor.getVariationName("Banner"),
    );
    const filled = await rig.page.evaluate(() => {
      // Fill the origin's quota with ever smaller items until not even one character fits.
      let i = 0;
      for (let size = 1 << 20; size >= 1; size >>= 1) {
        for (;;) {
          try {
            localStorage.setItem(`fill-${i++}`, "x".repeat(size));
          } catch {
            break;
          }
        }
      }
      try {
        localStorage.setItem("one-more", "x");
        return false;
      } catch {
        return true;
      }
    });
    expect(filled).toBe(true);
    const again = await openClient();
    expect(again.visitorId).toBe(first.visitorId);
    const result = await rig.page.evaluate(async () => {
      const layout = await window.client.visitor.activateExperiment("Layout"); // cannot be saved
      const banner = await window.client.visitor.activateExperiment("Banner");
      await window.client.flush();
      return { layout, banner, stats: window.client.getStats() };
    });
    expect(result).toMatchObject({ banner: variation, stats: { eventsDropped: 0 } });
    const expected = result.layout === null ? ["EXP-BANNER"] : ["EXP-LAYOUT", "EXP-BANNER"];
    expect(rig.server.visits.map((v) => v.b)).toEqual(expected);
    expect(rig.server.visits.every((v) => v.userId === first.visitorId)).toBe(true);
  });

  it("uses the userId given (SSR hand-off) instead of the anonymous id", async () => {
    const { visitorId } = await openClient({ userId: "customer-42" });
    expect(visitorId).toBe("customer-42");
    await rig.page.evaluate(() => window.client.visitor.activateExperiment("Banner"));
    await rig.page.evaluate(() => window.client.flush());
    expect(rig.server.visits.map((v) => v.userId)).toEqual(["customer-42"]);
  });

  it("returns the same variations as @pagesense/core in Node for the same ids and settings", async () => {
    const ids = Array.from({ length: 400 }, (_, i) =>
      i % 4 === 0
        ? `user-${i}`
        : i % 4 === 1
          ? `ünï-${i}-ß`
          : i % 4 === 2
            ? `${i}@example.com`
            : `😀${i}`,
    );
    const experiments = ["PricingTest", "Layout", "Banner"];
    const attributes = { Browser: "Chrome" };
    const node = await createCoreClient({
      settings: richSettings() as never,
      eventSink: new MemoryEventSink(),
      logLevel: "OFF",
    });
    const expected: Array<string | null> = [];
    for (const id of ids)
      for (const e of experiments) expected.push(await node.getVariationName(e, id, attributes));

    await openClient({ userStorage: false });
    const actual = await rig.page.evaluate(
      async ([ids, experiments, attributes]) => {
        const out: Array<string | null> = [];
        for (const id of ids)
          for (const e of experiments)
            out.push(await window.client.getVariationName(e, id, attributes));
        return out;
      },
      [ids, experiments, attributes] as const,
    );
    expect(actual).toEqual(expected);
    // The sample is meaningful: every variation and the out-of-traffic null occur.
    expect(new Set(actual)).toEqual(
      new Set(["Original", "Variation 1", "Grid", "List", "Red", null]),
    );
  });
});
