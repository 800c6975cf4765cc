// The pricing page's QA switch over real HTTP: QA links show a forced layout and record nothing.
import { afterEach, describe, expect, it } from "vitest";
import { PRICING_EXPERIMENT } from "../src/index";
import { bodyData, startTestDemo, type TestDemo, Visitor } from "./support/demo";
import { fetchReport, goalStats, visitorsOf } from "./support/report";

let demo: TestDemo | undefined;
afterEach(async () => {
  await demo?.dispose();
  demo = undefined;
});

const QA = {
  "Variation 1": "/pricing?pagesense=PricingTest:Variation%201",
  Original: "/pricing?pagesense=PricingTest:Original",
} as const;

describe("the QA switch (?pagesense=PricingTest:<variation>)", () => {
  it("links both variations from the pricing page", async () => {
    demo = await startTestDemo();
    const page = await (await new Visitor(demo.shopUrl).request("/pricing")).text();
    expect(page).toContain(`id="see-variation-1" href="${QA["Variation 1"]}"`);
    expect(page).toContain(`id="see-original" href="${QA.Original}"`);
    expect(page).toContain('href="/new-visitor">Be a new visitor</a>');
    expect(bodyData(page, "qa")).toBe("");
  });

  it("shows the asked layout for that view only, and records neither the view nor a purchase", async () => {
    demo = await startTestDemo();
    const visitor = new Visitor(demo.shopUrl);
    const own = bodyData(await (await visitor.request("/pricing")).text(), "variation")!;
    for (const [variation, link] of Object.entries(QA)) {
      const page = await (await visitor.request(link)).text();
      expect(bodyData(page, "variation")).toBe(variation);
      expect(bodyData(page, "layout")).toBe(
        variation === "Variation 1" ? "featured" : "side-by-side",
      );
      expect(bodyData(page, "qa")).toBe("1");
      expect(page).toContain(`QA view: PricingTest is forced to\n  "${variation}"`);
      expect(page).toContain('<input type="hidden" name="qa" value="1">');
    }
    const bought = await visitor.request("/buy", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "plan=pro&qa=1",
    });
    expect(bought.status).toBe(303);
    // Back to an ordinary view: the visitor's own variation again.
    expect(bodyData(await (await visitor.request("/pricing")).text(), "variation")).toBe(own);

    await demo.shop.close(); // delivers what was queued
    const report = await fetchReport(demo.serverUrl, PRICING_EXPERIMENT);
    expect(report.variations.reduce((sum, v) => sum + v.visitors, 0)).toBe(1);
    expect(visitorsOf(report, own)).toBe(1);
    expect(goalStats(report, "PurchaseCompleted", own).conversions).toBe(0);
  });

  it("ignores an unknown variation or experiment with a warning: an ordinary view", async () => {
    demo = await startTestDemo({ clientLogLevel: "WARNING" });
    const visitor = new Visitor(demo.shopUrl);
    const page = await (
      await visitor.request("/pricing?pagesense=PricingTest:Variation%209,Nope:Original")
    ).text();
    expect(bodyData(page, "qa")).toBe("");
    expect(["Original", "Variation 1"]).toContain(bodyData(page, "variation"));
    const warnings = demo.clientLog.filter((l) => l.level === "WARNING").map((l) => l.message);
    expect(warnings.some((m) => m.includes("Variation 9"))).toBe(true);
    expect(warnings.some((m) => m.includes("Nope"))).toBe(true);
    expect(demo.shop.client.getStats().eventsQueued).toBe(1); // the ordinary view's visit
  });
});
