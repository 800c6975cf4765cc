// The whole loop with real parts: the local PageSense server (SQLite), the Express shop with
// @pagesense/node + @pagesense/express, and headless Chromium running @pagesense/browser.
// 40 visitors, each in a fresh browser context, see the pricing page; every third buys, every
// fourth starts a trial; the report must count exactly what the browser sessions did.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserClient, BrowserClientStats } from "@pagesense/browser";
import type { LogLevel } from "@pagesense/node";
import { launchChromium } from "@pagesense/testing/chromium";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPlan, PRICING_EXPERIMENT, type RunningDemo, startDemo } from "../src/index";
import { fetchReport, goalStats, visitorsOf } from "./support/report";

const VISITORS = 40;
const VARIATIONS = ["Original", "Variation 1"] as const;
const RESULTS_DIR = new URL("../test-results/", import.meta.url).pathname;

/** What one visitor saw and did. */
interface Session {
  userId: string;
  /** `data-variation` of the page: the server's decision. */
  variation: string;
  /** The layout rendered. */
  layout: string;
  /** The browser SDK's decision for the same user. */
  browserVariation: string;
  boughtPlan: "starter" | "pro" | null;
  signedUp: boolean;
  /** The browser client's counters after its flush (only for visitors who signed up). */
  browserStats: BrowserClientStats | null;
}

/** The page's global scope: pricing.js exposes its client (promise) as `window.pagesense`. */
type PageGlobals = { pagesense: Promise<BrowserClient> };

/** Delivers the browser client's queued events (waiting for the click's goal to be queued). */
function flushBrowserClient(page: Page): Promise<BrowserClientStats> {
  return page.evaluate(async () => {
    const client = await (globalThis as unknown as PageGlobals).pagesense;
    const deadline = Date.now() + 5_000;
    while (client.getStats().eventsQueued === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await client.flush();
    return client.getStats();
  });
}

describe("the demo, end to end in Chromium", () => {
  let dataDir: string;
  let demo: RunningDemo;
  let browser: Browser;
  const clientLog: { level: LogLevel; message: string }[] = [];
  const pageProblems: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "pagesense-sample-e2e-"));
    demo = await startDemo({
      shopPort: 0,
      serverPort: 0,
      dataDir,
      serverLogLevel: "silent",
      clientLogger: { log: (level, message) => clientLog.push({ level, message }) },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("counts exactly the visitors and conversions of 40 browser sessions", async () => {
    const sessions: Session[] = [];
    for (let i = 0; i < VISITORS; i++) {
      const context = await browser.newContext(); // fresh cookies and localStorage
      const page = await context.newPage();
      page.on("pageerror", (error) => pageProblems.push(`visitor ${i}: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning")
          pageProblems.push(`visitor ${i}: console ${message.type()}: ${message.text()}`);
      });

      await page.goto(demo.shopUrl);
      const body = page.locator("body");
      const variation = (await body.getAttribute("data-variation")) ?? "";
      const layout = (await body.getAttribute("data-layout")) ?? "";
      const userId = (await page.locator("#visitor-id").textContent()) ?? "";
      // pricing.js fills this in once the browser client has decided.
      await page.waitForFunction(
        "document.getElementById('browser-variation').textContent !== 'loading…'",
      );

      const session: Session = {
        userId,
        variation,
        layout,
        browserVariation: (await page.locator("#browser-variation").textContent()) ?? "",
        boughtPlan: null,
        signedUp: false,
        browserStats: null,
      };

      if (i % 4 === 1) {
        await page.getByRole("button", { name: "Start a free trial" }).click();
        await page.locator("#signup-note").waitFor({ state: "visible" });
        session.browserStats = await flushBrowserClient(page);
        session.signedUp = true;
      }
      if (i % 3 === 0) {
        const plan = i % 2 === 0 ? "pro" : "starter";
        await Promise.all([
          page.waitForURL(/\/thanks\?plan=/),
          page.locator(`button.buy[data-plan="${plan}"]`).click(),
        ]);
        expect(await page.locator("h1").textContent()).toContain(findPlan(plan)!.name);
        session.boughtPlan = plan;
      }
      sessions.push(session);
      await context.close();
    }

    // The shop's client delivers its queued visits and purchases when the shop closes.
    await demo.shop.close();
    const shopStats = demo.shop.client.getStats();

    // Every visitor is someone new, in the experiment, with the layout of their variation,
    // and the browser SDK agreed with the server on the variation.
    expect(new Set(sessions.map((s) => s.userId)).size).toBe(VISITORS);
    for (const s of sessions) {
      expect(VARIATIONS).toContain(s.variation);
      expect(s.layout).toBe(s.variation === "Variation 1" ? "featured" : "side-by-side");
      expect(s.browserVariation).toBe(s.variation);
    }
    for (const s of sessions.filter((s) => s.signedUp)) {
      expect(s.browserStats).toMatchObject({ eventsQueued: 1, eventsSent: 1, eventsDropped: 0 });
    }
    const buyers = sessions.filter((s) => s.boughtPlan !== null).length;
    expect(shopStats).toMatchObject({
      eventsQueued: VISITORS + buyers,
      eventsSent: VISITORS + buyers,
      eventsDropped: 0,
      eventsPending: 0,
    });

    const report = await fetchReport(demo.serverUrl, PRICING_EXPERIMENT);
    expect(report.flaggedEvents).toEqual({ visits: 0, goals: 0 });
    expect(report.unattributedConversions).toBe(0);

    const figures: Record<string, unknown> = {};
    for (const name of VARIATIONS) {
      const seen = sessions.filter((s) => s.variation === name);
      const bought = seen.filter((s) => s.boughtPlan !== null);
      const revenue = bought.reduce((sum, s) => sum + findPlan(s.boughtPlan)!.price, 0);
      const signedUp = seen.filter((s) => s.signedUp).length;

      expect(seen.length).toBeGreaterThan(0); // 40 random ids: both variations get visitors
      expect(visitorsOf(report, name)).toBe(seen.length);
      expect(goalStats(report, "PurchaseCompleted", name)).toMatchObject({
        visitors: seen.length,
        converters: bought.length,
        conversions: bought.length,
        revenue,
      });
      expect(goalStats(report, "SignupClicked", name)).toMatchObject({
        visitors: seen.length,
        converters: signedUp,
        conversions: signedUp,
        revenue: 0,
      });
      figures[name] = {
        visitors: seen.length,
        purchases: bought.length,
        revenue,
        signups: signedUp,
      };
    }
    // The split, for the record (it changes with every run: visitor ids are random).
    console.log("e2e figures:", JSON.stringify(figures));

    expect(pageProblems).toEqual([]);
    expect(clientLog.filter((l) => l.level === "ERROR" || l.level === "FATAL")).toEqual([]);

    // A picture of the report, to look at (test-results/ is gitignored).
    await mkdir(RESULTS_DIR, { recursive: true });
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${demo.serverUrl}/report/${PRICING_EXPERIMENT}`);
    expect(await page.locator("h1").textContent()).toContain(PRICING_EXPERIMENT);
    await page.screenshot({ path: join(RESULTS_DIR, "report.png"), fullPage: true });
    await context.close();
  }, 90_000);
});
