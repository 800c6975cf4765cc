import "../support/globals";
import { describe, expect, it } from "vitest";
import { useBrowserRig } from "../support/rig";
import { richSettings } from "../support/settings";

const rig = useBrowserRig({ settings: richSettings() });

/**
 * Opens the app page at `query` and creates `window.client` (settings from the fake server),
 * with a logger that keeps WARNING lines; returns the visitor id and those lines.
 */
async function openClient(query: string, options: Record<string, unknown> = {}) {
  await rig.page.goto(`${rig.site.url}/app.html${query}`);
  return rig.page.evaluate(
    async ([opts]) => {
      const warnings: string[] = [];
      window.client = await window.PSTest.createClient({
        ...opts,
        logLevel: "WARNING",
        logger: { log: (level, message) => warnings.push(`${level} ${message}`) },
      });
      return { visitorId: window.client.visitorId, warnings };
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

const decideAll = () =>
  rig.page.evaluate(() =>
    Promise.all(
      ["PricingTest", "Banner"].map((e) =>
        window.client.visitor.decide(e).then((d) => [d.variationName, d.reason]),
      ),
    ),
  );

describe("allowUrlOverrides in Chromium", () => {
  it("forces the URL's variations for that page view, records them, and leaves storage alone", async () => {
    const query = "?pagesense=PricingTest:Variation%201,Banner:Red";
    const { visitorId, warnings } = await openClient(query, { allowUrlOverrides: true });
    expect(warnings).toEqual([]);
    expect(await decideAll()).toEqual([
      ["Variation 1", "FORCED"],
      ["Red", "FORCED"],
    ]);
    await rig.page.evaluate(async () => {
      await window.client.visitor.activateExperiment("PricingTest");
      await window.client.visitor.activateExperiment("Banner");
      await window.client.visitor.trackGoal("PricingTest", "PurchaseCompleted", 20);
      await window.client.flush();
    });
    // Forced views are recorded like any other (the wire format has no QA flag).
    expect(rig.server.visits.map((v) => [v.userId, v.b, v.c])).toEqual([
      [visitorId, "EXP1", "V1"],
      [visitorId, "EXP-BANNER", "B1"],
    ]);
    expect(rig.server.goals.map((g) => [g.userId, g.c, g.rv])).toEqual([[visitorId, "V1", 20]]);
    // Nothing forced was written to the visitor's sticky assignments.
    const stored = await rig.page.evaluate(
      (id) => localStorage.getItem(`pagesense:profile:${id}`),
      visitorId,
    );
    const assignments = stored === null ? {} : JSON.parse(stored);
    expect(assignments).not.toHaveProperty("EXP1");
    expect(assignments).not.toHaveProperty("EXP-BANNER");

    // The next page view without the parameter decides as usual, for the same visitor.
    const next = await openClient("", { allowUrlOverrides: true });
    expect(next.visitorId).toBe(visitorId);
    const reasons = (await decideAll()).map(([, reason]) => reason);
    expect(reasons).not.toContain("FORCED");
  });

  it("is off by default: the parameter does nothing without allowUrlOverrides", async () => {
    await openClient("?pagesense=PricingTest:Variation%201,Banner:Red");
    const reasons = (await decideAll()).map(([, reason]) => reason);
    expect(reasons).not.toContain("FORCED");
    await openClient("?pagesense=PricingTest:Variation%201,Banner:Red", {
      allowUrlOverrides: false,
    });
    expect((await decideAll()).map(([, reason]) => reason)).not.toContain("FORCED");
  });

  it("warns about unknown names and malformed entries, ignores them and keeps the rest", async () => {
    const query = "?pagesense=Nope:Original,PricingTest:Variation%209,Banner,Banner:Red";
    const { warnings } = await openClient(query, { allowUrlOverrides: true });
    const [pricing, banner] = await decideAll();
    expect(banner).toEqual(["Red", "FORCED"]);
    expect(pricing![1]).not.toBe("FORCED");
    expect(warnings.filter((w) => w.includes('"Banner" is not experiment:variation'))).toHaveLength(
      1,
    );
    expect(warnings.filter((w) => w.includes("Nope"))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes("Variation 9"))).toHaveLength(1);
    expect(warnings.every((w) => w.startsWith("WARNING "))).toBe(true);
  });

  it("the URL wins over the forcedVariations option for the same experiment", async () => {
    await openClient("?pagesense=Banner:Original", {
      allowUrlOverrides: true,
      forcedVariations: { Banner: "Red", PricingTest: "Original" },
    });
    expect(await decideAll()).toEqual([
      ["Original", "FORCED"],
      ["Original", "FORCED"],
    ]);
  });
});
