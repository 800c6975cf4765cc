// The shop over real HTTP (no browser): the server-side half of the loop and its edges.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PRICING_EXPERIMENT, startDemo } from "../src/index";
import { BROWSER_BUNDLE } from "../src/paths";
import { bodyData, bootstrapOf, startTestDemo, type TestDemo, Visitor } from "./support/demo";
import { fetchReport, goalStats, visitorsOf } from "./support/report";

let demo: TestDemo | undefined;
afterEach(async () => {
  await demo?.dispose();
  demo = undefined;
});

describe("GET /pricing", () => {
  it("issues a visitor cookie once and keeps the visitor's variation and layout", async () => {
    demo = await startTestDemo();
    const visitor = new Visitor(demo.shopUrl);
    const first = await visitor.request("/pricing");
    expect(first.status).toBe(200);
    const cookie = visitor.cookie;
    expect(cookie).toMatch(/^pagesense_uid=[0-9a-f-]{36}$/);
    const page = await first.text();
    const variation = bodyData(page, "variation");
    expect(["Original", "Variation 1"]).toContain(variation);
    expect(bodyData(page, "layout")).toBe(
      variation === "Variation 1" ? "featured" : "side-by-side",
    );

    const again = await visitor.request("/pricing");
    expect(again.headers.getSetCookie()).toEqual([]); // issued once, not refreshed
    expect(bodyData(await again.text(), "variation")).toBe(variation);
    expect(visitor.cookie).toBe(cookie);
  });

  it("embeds the settings and the cookie's visitor id for the browser SDK", async () => {
    demo = await startTestDemo();
    const visitor = new Visitor(demo.shopUrl);
    const page = await (await visitor.request("/pricing")).text();
    const bootstrap = bootstrapOf(page);
    expect(bootstrap).toEqual({
      settings: demo.shop.client.getSettings(),
      userId: visitor.cookie!.slice("pagesense_uid=".length),
      baseUrl: demo.serverUrl,
      experiment: "PricingTest",
      signupGoal: "SignupClicked",
    });
    expect(page).toContain(`<code id="visitor-id">${bootstrap.userId}</code>`);
  });

  it("allows scripts from the shop only and network requests to the PageSense server only", async () => {
    demo = await startTestDemo();
    const res = await new Visitor(demo.shopUrl).request("/pricing");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src ${demo.serverUrl}`);
    expect(csp).toContain("default-src 'none'");
    // No inline script: the settings travel as JSON data, the code comes from /assets.
    const tags = (await res.text()).match(/<script[^>]*>/g) ?? [];
    expect(tags).toEqual([
      '<script type="application/json" id="pagesense-bootstrap">',
      '<script src="/assets/pagesense.global.js">',
      '<script src="/assets/pricing.js">',
    ]);
  });
});

describe("POST /buy", () => {
  it("converts PurchaseCompleted with the catalog's price and redirects to the thanks page", async () => {
    demo = await startTestDemo();
    const visitor = new Visitor(demo.shopUrl);
    const variation = bodyData(await (await visitor.request("/pricing")).text(), "variation")!;
    const bought = await visitor.buy("pro");
    expect(bought.status).toBe(303);
    expect(bought.headers.get("location")).toBe("/thanks?plan=pro");
    const thanks = await (await visitor.request("/thanks?plan=pro")).text();
    expect(thanks).toContain("Thank you for buying Pro");
    expect(thanks).toContain("$49");

    await demo.shop.close(); // delivers the queued visit and goal
    const report = await fetchReport(demo.serverUrl, PRICING_EXPERIMENT);
    expect(visitorsOf(report, variation)).toBe(1);
    expect(goalStats(report, "PurchaseCompleted", variation)).toMatchObject({
      converters: 1,
      conversions: 1,
      revenue: 49,
    });
  });

  it("answers 400 for an unknown or missing plan and records nothing", async () => {
    demo = await startTestDemo();
    const visitor = new Visitor(demo.shopUrl);
    await visitor.request("/pricing");
    const queued = demo.shop.client.getStats().eventsQueued;
    for (const body of ["plan=gold", "plan=%3Cscript%3E", ""]) {
      const res = await visitor.request("/buy", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      expect(res.status).toBe(400);
      const page = await res.text();
      expect(page).toContain("Unknown plan");
      expect(page).not.toContain("<script>");
    }
    expect(demo.shop.client.getStats().eventsQueued).toBe(queued);
  });

  it("sends a visitor without a plan in the thanks URL back to pricing", async () => {
    demo = await startTestDemo();
    const res = await new Visitor(demo.shopUrl).request("/thanks?plan=%3Cb%3E");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/pricing");
  });
});

describe("the rest of the shop", () => {
  it("serves @pagesense/browser's script-tag build and the page script", async () => {
    demo = await startTestDemo();
    const visitor = new Visitor(demo.shopUrl);
    const bundle = await visitor.request("/assets/pagesense.global.js");
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toMatch(/javascript/);
    expect(await bundle.text()).toBe(await readFile(BROWSER_BUNDLE, "utf8"));
    const script = await visitor.request("/assets/pricing.js");
    expect(await script.text()).toContain("PageSense.createClient");
    expect(bundle.headers.getSetCookie()).toEqual([]); // assets do not make visitors
  });

  it("forgets the visitor on /new-visitor and answers 404 with a page", async () => {
    demo = await startTestDemo();
    const visitor = new Visitor(demo.shopUrl);
    await visitor.request("/pricing");
    const reset = await visitor.request("/new-visitor");
    expect(reset.status).toBe(302);
    expect(reset.headers.getSetCookie()[0]).toMatch(/^pagesense_uid=;.*Expires=Thu, 01 Jan 1970/);
    const missing = await visitor.request("/nope");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("Page not found");
  });
});

describe("startDemo", () => {
  it("rejects with a clear error when the shop's port is taken, leaving nothing running", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "pagesense-sample-taken-"));
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const logs: string[] = [];
      await expect(
        startDemo({
          shopPort: taken,
          serverPort: 0,
          dataDir,
          serverLogLevel: "info",
          serverLogDestination: { write: (line: string) => logs.push(line) },
          clientLogLevel: "OFF",
        }),
      ).rejects.toThrow(`the shop cannot listen on 127.0.0.1:${taken}`);
      // The server it had started was closed again.
      expect(logs.some((line) => line.includes('"msg":"server closed"'))).toBe(true);
    } finally {
      blocker.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
