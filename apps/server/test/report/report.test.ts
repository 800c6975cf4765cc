import { waitFor } from "@pagesense/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExperimentReport, RunningServer } from "../../src";
import {
  fetchReport,
  goal,
  goalRecord,
  json,
  postEvent,
  visit,
  visitRecord,
} from "../support/protocol";
import { Sandbox } from "../support/server";

/**
 * A known set of events for PricingTest (Original V0, Variation 1 V1):
 * - 20 visitors in each variation (o0..o19, v0..v19); o0 visits twice (still one visitor).
 * - PurchaseCompleted: o0..o3 convert in the Original (o0 twice: 5 conversions, revenue 10+20+15+5+10
 *   = 60); v0..v9 convert in Variation 1 once each with revenue 10 (100).
 * - SignupClicked: 8 converters in each variation.
 * - Not counted: a purchase by "ghost" (no visit: unattributed), a visit to unknown variation V9 and
 *   a goal with an unknown goal link (both flagged).
 */
async function sendKnownEvents(base: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await visit(base, `o${i}`, visitRecord("V0"));
    await visit(base, `v${i}`, visitRecord("V1"));
  }
  await visit(base, "o0", visitRecord("V0"));
  const originalRevenue = [[10, 20], [15], [5], [10]];
  for (const [i, amounts] of originalRevenue.entries())
    await goal(base, `o${i}`, ...amounts.map((rv) => goalRecord("V0", "purchase", rv)));
  for (let i = 0; i < 10; i++) await goal(base, `v${i}`, goalRecord("V1", "purchase", 10));
  for (let i = 0; i < 8; i++) {
    await goal(base, `o${i + 10}`, goalRecord("V0", "signup"));
    await goal(base, `v${i + 10}`, goalRecord("V1", "signup"));
  }
  await goal(base, "ghost", goalRecord("V1", "purchase", 99));
  await visit(base, "stray", visitRecord("V9"));
  await goal(base, "o1", goalRecord("V0", "refund"));
}

describe("reports", () => {
  const sandbox = new Sandbox();
  let server: RunningServer;
  let report: ExperimentReport;

  beforeAll(async () => {
    // The experiment name is edited to hold markup, to check that pages escape it.
    const doc = Sandbox.defaultSettings();
    doc.projectsettings[0]!.experiments[0]!.experiment_name = "Pricing <b>Test</b> & 'quotes'";
    sandbox.writeSettings(doc);
    server = await sandbox.start();
    await sendKnownEvents(server.url);
    const res = await fetch(`${server.url}/api/report/EXP1`);
    expect(res.status).toBe(200);
    report = (await res.json()) as ExperimentReport;
  });
  afterAll(() => sandbox.dispose());

  it("counts distinct visitors per variation", () => {
    expect(report.experiment).toMatchObject({ key: "EXP1", status: 2, permittedTraffic: 100 });
    expect(report.variations).toEqual([
      { key: "V0", name: "Original", isOriginal: true, visitors: 20 },
      { key: "V1", name: "Variation 1", isOriginal: false, visitors: 20 },
    ]);
    expect(report.method).toEqual({
      significance: "two-proportion z-test (pooled, two-sided)",
      interval: "Wilson score",
      confidenceLevel: 0.95,
    });
  });

  it("computes conversions, rates, revenue per visitor, uplift and significance for the primary goal", () => {
    const purchase = report.goals[0]!;
    expect(purchase).toMatchObject({
      linkName: "purchase",
      name: "PurchaseCompleted",
      isPrimary: true,
      hasRevenue: true,
    });
    const [original, variation] = purchase.variations;
    expect(original).toMatchObject({
      variationKey: "V0",
      visitors: 20,
      converters: 4,
      conversions: 5,
      conversionRate: 0.2,
      revenue: 60,
      revenuePerVisitor: 3,
      uplift: null,
      pValue: null,
      significant: false,
    });
    expect(original!.conversionRateInterval![0]).toBeCloseTo(0.080658, 5);
    expect(original!.conversionRateInterval![1]).toBeCloseTo(0.416017, 5);
    expect(variation).toMatchObject({
      variationKey: "V1",
      visitors: 20,
      converters: 10,
      conversions: 10,
      conversionRate: 0.5,
      revenue: 100,
      revenuePerVisitor: 5,
      significant: true,
    });
    // uplift = (0.5 − 0.2) / 0.2 = 1.5
    expect(variation!.uplift).toBeCloseTo(1.5, 10);
    // pooled 14/40 = 0.35, se = √(0.35 × 0.65 × (1/20 + 1/20)) = 0.150831,
    // z = 0.3 / 0.150831 = 1.988981, p = 2 × (1 − Φ(1.988981)) = 0.046703.
    expect(variation!.zScore).toBeCloseTo(1.988981, 5);
    expect(variation!.pValue).toBeCloseTo(0.046703, 5);
    expect(variation!.confidence).toBeCloseTo(0.953297, 5);
  });

  it("reports a goal without revenue and equal rates as no difference", () => {
    const signup = report.goals[1]!;
    expect(signup).toMatchObject({ name: "SignupClicked", isPrimary: false, hasRevenue: false });
    for (const v of signup.variations) {
      expect(v).toMatchObject({
        visitors: 20,
        converters: 8,
        conversions: 8,
        conversionRate: 0.4,
        revenue: 0,
      });
    }
    expect(signup.variations[1]).toMatchObject({
      uplift: 0,
      zScore: 0,
      pValue: 1,
      confidence: 0,
      significant: false,
    });
  });

  it("leaves out unattributed and flagged events, and counts them", () => {
    expect(report.unattributedConversions).toBe(1);
    expect(report.flaggedEvents).toEqual({ visits: 1, goals: 1 });
  });

  it("finds an experiment by key, name or link name; 404 otherwise", async () => {
    const byName = await fetch(
      `${server.url}/api/report/${encodeURIComponent("Pricing <b>Test</b> & 'quotes'")}`,
    );
    expect((await json<ExperimentReport>(byName)).experiment.key).toBe("EXP1");
    const byLink = await fetch(`${server.url}/api/report/pricingtest`);
    expect((await json<ExperimentReport>(byLink)).experiment.key).toBe("EXP1");
    const missing = await fetch(`${server.url}/api/report/NOPE`);
    expect(missing.status).toBe(404);
    const list = await json<unknown>(fetch(`${server.url}/api/report`));
    expect(list).toEqual({
      project: "Shop",
      settingsVersion: 1,
      experiments: [
        {
          key: "EXP1",
          name: "Pricing <b>Test</b> & 'quotes'",
          status: 2,
          visitors: 40,
          primaryGoal: "PurchaseCompleted",
        },
      ],
    });
  });

  it("renders the numbers on the HTML page, escaped, with a chart and no script", async () => {
    const res = await fetch(`${server.url}/report/EXP1`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).toContain("<h1>Pricing &lt;b&gt;Test&lt;/b&gt; &amp; &#39;quotes&#39;</h1>");
    expect(page).not.toContain("<b>Test</b>");
    expect(page).not.toContain("<script");
    // Purchase table: rates, interval, revenue per visitor, uplift, confidence, p-value.
    expect(page).toContain("<td>20.00%</td><td>8.1% – 41.6%</td>");
    expect(page).toContain("<td>50.00%</td><td>29.9% – 70.1%</td>");
    expect(page).toContain("<td>60.00</td><td>3.00</td>"); // money: always two decimals
    expect(page).toContain("<td>100.00</td><td>5.00</td>");
    expect(page).toContain('<td class="win">+150.0%</td>');
    expect(page).toContain('<td class="win">95.3% ✓</td>');
    expect(page).toContain("<td>0.0467</td>");
    expect(page).toContain(
      '<span class="win">Variation 1 beats the original</span>: +150.0% conversion rate, 95.3% confidence.',
    );
    expect(page).toContain("No significant difference at 95% yet");
    // One chart per goal, with a bar and a whisker per variation.
    expect(page.match(/<svg class="chart"/g)).toHaveLength(2);
    expect(page.match(/class="ci"/g)).toHaveLength(4);
    // Purchase intervals reach 70.1%: round ticks every 20% up to 80%.
    const ticks = [...page.matchAll(/class="tick">([^<]*)</g)].map((m) => m[1]);
    expect(ticks.slice(0, 5)).toEqual(["0%", "20%", "40%", "60%", "80%"]);
    expect(page).toContain("1 goal events without one were left out");
    expect(page).toContain("1 visit and 1 goal events did not match the settings");
  });

  it("lists experiments on /report and answers an HTML 404 for an unknown one", async () => {
    const index = await (await fetch(`${server.url}/report`)).text();
    expect(index).toContain(
      '<a href="/report/EXP1">Pricing &lt;b&gt;Test&lt;/b&gt; &amp; &#39;quotes&#39;</a>',
    );
    expect(index).toContain("<td>40</td>");
    const missing = await fetch(`${server.url}/report/${encodeURIComponent("<img src=x>")}`);
    expect(missing.status).toBe(404);
    const text = await missing.text();
    expect(text).toContain("No experiment &quot;&lt;img src=x&gt;&quot;");
    const home = await fetch(`${server.url}/`, { redirect: "manual" });
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toBe("/report");
  });

  it("shows empty variations without dividing by zero", async () => {
    const empty = new Sandbox();
    try {
      const fresh = await empty.start();
      const data = await fetchReport(fresh.url);
      expect(data.goals[0]!.variations[1]).toMatchObject({
        visitors: 0,
        conversionRate: null,
        conversionRateInterval: null,
        revenuePerVisitor: null,
        uplift: null,
        pValue: null,
        significant: false,
      });
      const page = await (await fetch(`${fresh.url}/report/EXP1`)).text();
      expect(page).toContain("<td>–</td>");
      expect(page).toContain("Not enough data yet.");
      expect(page).not.toContain("NaN");
    } finally {
      await empty.dispose();
    }
  });

  it("calls a significant win against an original converting no one a win everywhere", async () => {
    // Original 0/20, Variation 1 5/20: no uplift (÷ 0), yet pooled 5/40 gives z = 2.39, p = 0.017.
    const zero = new Sandbox();
    try {
      const fresh = await zero.start();
      for (let i = 0; i < 20; i++) {
        await visit(fresh.url, `o${i}`, visitRecord("V0"));
        await visit(fresh.url, `v${i}`, visitRecord("V1"));
      }
      for (let i = 0; i < 5; i++) await goal(fresh.url, `v${i}`, goalRecord("V1", "purchase", 10));
      const [original, variation] = (await fetchReport(fresh.url)).goals[0]!.variations;
      expect(original).toMatchObject({ conversionRate: 0, outcome: null });
      expect(variation).toMatchObject({
        conversionRate: 0.25,
        uplift: null,
        significant: true,
        outcome: "win",
      });
      expect(variation!.zScore).toBeGreaterThan(0);
      const page = await (await fetch(`${fresh.url}/report/EXP1`)).text();
      expect(page).toContain('<span class="win">Variation 1 beats the original</span>');
      expect(page).toContain('<td class="win">–</td>');
      expect(page).toContain('fill="#2f9e44"'); // green bar
      expect(page).not.toContain('fill="#e03131"'); // no red one
      expect(page).not.toContain('class="lose"');
    } finally {
      await zero.dispose();
    }
  });

  it("rounds revenue sums to cents in JSON and shows two decimals in HTML", async () => {
    const cents = new Sandbox();
    try {
      const fresh = await cents.start();
      await visit(fresh.url, "u1", visitRecord("V1"));
      // 0.1 + 0.2 + 33.43 is 33.730000000000004 in binary floating point.
      for (const rv of [0.1, 0.2, 33.43])
        await goal(fresh.url, "u1", goalRecord("V1", "purchase", rv));
      const variation = (await fetchReport(fresh.url)).goals[0]!.variations[1]!;
      expect(variation.revenue).toBe(33.73);
      expect(variation.revenuePerVisitor).toBe(33.73);
      const page = await (await fetch(`${fresh.url}/report/EXP1`)).text();
      expect(page).toContain("<td>33.73</td><td>33.73</td>");
      expect(page).toContain("<td>0.00</td><td>–</td>"); // the original: no revenue, no visitors
    } finally {
      await cents.dispose();
    }
  });

  it("says when the traffic split changed during the test, with the settings versions", async () => {
    const split = new Sandbox();
    try {
      const fresh = await split.start();
      await visit(fresh.url, "u1", visitRecord("V0"));
      let data = await fetchReport(fresh.url);
      expect(data.trafficSplits).toHaveLength(1);
      expect(await (await fetch(`${fresh.url}/report/EXP1`)).text()).not.toContain("split changed");

      // An edit that leaves the split alone is not a change of split.
      const doc = Sandbox.defaultSettings();
      doc.projectsettings[0]!.experiments[0]!.environment_name = "Staging";
      split.writeSettings(doc);
      await waitFor(() => fresh.settingsVersion() === 2);
      doc.projectsettings[0]!.experiments[0]!.variations[0]!.traffic_distribution = 80;
      doc.projectsettings[0]!.experiments[0]!.variations[1]!.traffic_distribution = 20;
      split.writeSettings(doc);
      await waitFor(() => fresh.settingsVersion() === 3);

      data = await fetchReport(fresh.url);
      expect(data.trafficSplits.map((s) => [s.version, s.permittedTraffic, s.variations])).toEqual([
        [
          1,
          100,
          [
            { name: "Original", share: 50 },
            { name: "Variation 1", share: 50 },
          ],
        ],
        [
          3,
          100,
          [
            { name: "Original", share: 80 },
            { name: "Variation 1", share: 20 },
          ],
        ],
      ]);
      const page = await (await fetch(`${fresh.url}/report/EXP1`)).text();
      expect(page).toContain("The traffic split changed during the test.");
      expect(page).toMatch(/settings v1 \(.*UTC\): 100% traffic, Original 50 \/ Variation 1 50/);
      expect(page).toMatch(/settings v3 \(.*UTC\): 100% traffic, Original 80 \/ Variation 1 20/);
    } finally {
      await split.dispose();
    }
  });

  it("counts nothing from a rejected request", async () => {
    const res = await postEvent(server.url, "visit", { furd: { f: "x" }, fvrd: [{}] });
    expect(res.status).toBe(400);
    const again = await fetchReport(server.url);
    expect(again.variations.map((v) => v.visitors)).toEqual([20, 20]);
  });
});
