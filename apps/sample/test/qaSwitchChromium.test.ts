// The pricing page's "see Variation 1 / Original" switch in headless Chromium: the layout, the
// browser SDK (allowUrlOverrides) and the report, with real parts throughout.
import type { BrowserClient } from "@pagesense/browser";
import { launchChromium } from "@pagesense/testing/chromium";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PRICING_EXPERIMENT } from "../src/index";
import { startTestDemo, type TestDemo } from "./support/demo";
import { fetchReport, goalStats } from "./support/report";

let demo: TestDemo;
let browser: Browser;

beforeAll(async () => {
  demo = await startTestDemo();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.dispose();
});

/** The server's and the browser SDK's decisions shown by the page, once the browser's is in. */
async function shown(page: Page) {
  await page.waitForFunction(
    "document.getElementById('browser-variation').textContent !== 'loading…'",
  );
  const body = page.locator("body");
  return {
    variation: await body.getAttribute("data-variation"),
    layout: await body.getAttribute("data-layout"),
    qa: await body.getAttribute("data-qa"),
    browser: await page.locator("#browser-variation").textContent(),
  };
}

it("switches to Variation 1 and Original for one view each, records none of it, and comes back", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));

  await page.goto(new URL("/pricing", demo.shopUrl).href);
  const own = await shown(page);
  expect(own.qa).toBe("");
  expect(own.browser).toBe(own.variation);

  await Promise.all([page.waitForURL(/pagesense=/), page.click("#see-variation-1")]);
  expect(await shown(page)).toEqual({
    variation: "Variation 1",
    layout: "featured",
    qa: "1",
    browser: "Variation 1 (forced by the QA link)",
  });
  await expect(page.locator("#qa-banner").isVisible()).resolves.toBe(true);
  await page.getByRole("button", { name: "Start a free trial" }).click();
  await page.getByText("QA view: this click was not recorded.").waitFor();
  await Promise.all([
    page.waitForURL(/\/thanks\?plan=pro/),
    page.locator('button.buy[data-plan="pro"]').click(),
  ]);

  await page.goto(new URL("/pricing", demo.shopUrl).href);
  await Promise.all([page.waitForURL(/pagesense=/), page.click("#see-original")]);
  expect(await shown(page)).toEqual({
    variation: "Original",
    layout: "side-by-side",
    qa: "1",
    browser: "Original (forced by the QA link)",
  });

  await Promise.all([
    page.waitForURL(/\/pricing$/),
    page.getByRole("link", { name: "Back to your own variation" }).click(),
  ]);
  expect(await shown(page)).toEqual(own);

  // The browser client queued nothing on any of these pages (the last one included).
  const queued = await page.evaluate(async () => {
    const client = await (globalThis as unknown as { pagesense: Promise<BrowserClient> }).pagesense;
    return client.getStats().eventsQueued;
  });
  expect(queued).toBe(0);
  expect(problems).toEqual([]);
  await context.close();

  // The report: one visitor (the ordinary views), no conversions.
  await demo.shop.close();
  const report = await fetchReport(demo.serverUrl, PRICING_EXPERIMENT);
  expect(report.variations.map((v) => [v.name, v.visitors])).toEqual(
    ["Original", "Variation 1"].map((name) => [name, name === own.variation ? 1 : 0]),
  );
  for (const variation of ["Original", "Variation 1"]) {
    expect(goalStats(report, "PurchaseCompleted", variation).conversions).toBe(0);
    expect(goalStats(report, "SignupClicked", variation).conversions).toBe(0);
  }
});
