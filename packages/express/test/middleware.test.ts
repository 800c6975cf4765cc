import { ConfigurationError, type WebhookClient } from "@pagesense/core";
import { createClient } from "@pagesense/node";
import {
  type FakePageSense,
  RecordingLogger,
  startPageSenseServer,
  UA,
  Visitor,
} from "@pagesense/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pagesense } from "../src/index";
import { EXPRESS_MAJORS, type ExpressFactory, startApp, type TestApp } from "./support/app";

let server: FakePageSense;
let client: WebhookClient | undefined;
let app: TestApp | undefined;
const logger = new RecordingLogger();

function newClient(overrides: Record<string, unknown> = {}): Promise<WebhookClient> {
  return createClient({
    accountId: "demo-US",
    sdkKey: "sdk-demo",
    projectName: "Shop",
    baseUrl: server.url,
    flushInterval: 20,
    logger,
    ...overrides,
  });
}

beforeEach(async () => {
  logger.clear();
  server = await startPageSenseServer();
});

afterEach(async () => {
  await app?.close();
  await client?.close();
  app = undefined;
  client = undefined;
  await server.close();
});

describe.each(Object.entries(EXPRESS_MAJORS))(
  "pagesense() middleware on a real %s app",
  (_major, createApp: ExpressFactory) => {
    const start = (...[c, options, configure]: Parameters<typeof startApp>) =>
      startApp(c, options, configure, createApp);

    it("issues the visitor cookie once and reuses it", async () => {
      client = await newClient();
      app = await start(client);
      const visitor = new Visitor(app.url);

      const first = await visitor.json<{ userId: string }>("/pricing");
      expect(visitor.setCookies[0]).toHaveLength(1);
      const cookie = visitor.setCookies[0]![0]!;
      expect(cookie).toMatch(/^pagesense_uid=[0-9a-f-]{36};/);
      expect(cookie).toContain("Max-Age=31536000");
      expect(cookie).toContain("Path=/");
      expect(cookie).toContain("HttpOnly");
      expect(cookie).toContain("SameSite=Lax");
      expect(cookie).not.toContain("Secure");
      expect(visitor.cookies.get("pagesense_uid")).toBe(first.userId);

      const second = await visitor.json<{ userId: string }>("/pricing");
      const third = await visitor.json<{ userId: string }>("/peek");
      expect(second.userId).toBe(first.userId);
      expect(third.userId).toBe(first.userId);
      expect(visitor.setCookies[1]).toEqual([]);
      expect(visitor.setCookies[2]).toEqual([]);
    });

    it("gives the same user the same variation on every request, as the client decides it", async () => {
      client = await newClient();
      app = await start(client);
      const seen = new Set<string>();
      for (let i = 0; i < 12; i++) {
        const visitor = new Visitor(app.url);
        const first = await visitor.json<{ userId: string; variation: string }>("/pricing");
        expect(first.variation).toMatch(/^(Original|Variation 1)$/);
        for (let j = 0; j < 3; j++) {
          const again = await visitor.json<{ variation: string }>("/pricing");
          expect(again.variation).toBe(first.variation);
        }
        const expected = await client.getVariationName("PricingTest", first.userId, {
          Browser: "Chrome",
        });
        expect(first.variation).toBe(expected);
        seen.add(first.variation);
      }
      expect(seen.size).toBe(2); // 12 random ids land in both halves (odds of not: 1 in 2048)
    });

    it("derives Browser, OS and Device from the User-Agent and merges the app's attributes over them", async () => {
      client = await newClient();
      app = await start(client);
      const chrome = await new Visitor(app.url, UA.chromeWindows).json<{
        attributes: Record<string, string>;
      }>("/pricing?plan=pro");
      expect(chrome.attributes).toEqual({
        Browser: "Chrome",
        OS: "Windows",
        Device: "Desktop",
        planType: "pro",
      });
      const iphone = await new Visitor(app.url, UA.safariIphone).json<{
        attributes: Record<string, string>;
        variation: string | null;
      }>("/pricing");
      expect(iphone.attributes).toEqual({ Browser: "Safari", OS: "iOS", Device: "Mobile" });
      // The example experiment targets Chrome users only.
      expect(iphone.variation).toBeNull();
    });

    it("delivers visits and goals with the request's user and attributes", async () => {
      client = await newClient();
      app = await start(client);
      const visitor = new Visitor(app.url);
      const { userId, variation } = await visitor.json<{ userId: string; variation: string }>(
        "/pricing?plan=pro",
      );
      await visitor.json("/buy?plan=pro&amount=49.5", { method: "POST" });
      await server.waitFor((s) => s.visits.length === 1 && s.goals.length === 1);

      const variationKey = variation === "Original" ? "V0" : "V1";
      const attributes = [
        { ln: "Browser", v: "Chrome" },
        { ln: "OS", v: "Windows" },
        { ln: "Device", v: "Desktop" },
        { ln: "planType", v: "pro" },
      ];
      expect(server.visits[0]).toMatchObject({ userId, b: "EXP1", c: variationKey });
      expect(server.visits[0]!.fsca).toEqual(expect.arrayContaining(attributes));
      expect(server.goals[0]).toMatchObject({
        userId,
        b: "EXP1",
        c: variationKey,
        gln: "purchase",
        ipl: true,
        rv: 49.5,
      });
      expect(server.goals[0]!.fsca).toEqual(expect.arrayContaining(attributes));
    });

    it("uses the app's userId(req) when it returns an id, and sets no cookie then", async () => {
      client = await newClient();
      app = await start(client, { userId: (req) => req.get("x-account-id") });
      const signedIn = new Visitor(app.url);
      const body = await signedIn.json<{ userId: string }>("/pricing", {
        headers: { "x-account-id": "account-42" },
      });
      expect(body.userId).toBe("account-42");
      expect(signedIn.setCookies[0]).toEqual([]);

      const anonymous = new Visitor(app.url);
      const anon = await anonymous.json<{ userId: string }>("/pricing");
      expect(anon.userId).toBe(anonymous.cookies.get("pagesense_uid"));
    });

    it("logs a throwing userId(req) or attributes(req) and still serves the request", async () => {
      client = await newClient();
      app = await start(client, {
        logger,
        userId: () => {
          throw new Error("session store offline");
        },
        attributes: async () => {
          throw new Error("geo lookup failed");
        },
      });
      const visitor = new Visitor(app.url);
      const body = await visitor.json<{ userId: string; variation: string | null }>("/pricing");
      expect(body.userId).toBe(visitor.cookies.get("pagesense_uid"));
      expect(body.variation).toMatch(/^(Original|Variation 1)$/);
      expect(logger.texts()).toContainEqual(expect.stringContaining("session store offline"));
      expect(logger.texts()).toContainEqual(expect.stringContaining("geo lookup failed"));
    });

    it("honours the cookie options and a custom cookie name", async () => {
      client = await newClient();
      app = await start(client, {
        cookieName: "ab_id",
        cookie: { maxAge: 3600, path: "/shop", sameSite: "strict", domain: "127.0.0.1" },
      });
      const visitor = new Visitor(app.url);
      await visitor.json("/pricing");
      const cookie = visitor.setCookies[0]![0]!;
      expect(cookie).toMatch(/^ab_id=/);
      expect(cookie).toContain("Max-Age=3600");
      expect(cookie).toContain("Path=/shop");
      expect(cookie).toContain("SameSite=Strict");
      expect(cookie).toContain("Domain=127.0.0.1");
    });

    it("marks the cookie Secure for HTTPS behind a trusted proxy, and only then", async () => {
      client = await newClient();
      app = await start(client, {}, (express) => express.set("trust proxy", "loopback"));
      const proxied = new Visitor(app.url);
      await proxied.json("/pricing", { headers: { "x-forwarded-proto": "https" } });
      expect(proxied.setCookies[0]![0]).toContain("Secure");
      await app.close();

      app = await start(client); // no trust proxy: the header is not believed
      const spoofed = new Visitor(app.url);
      await spoofed.json("/pricing", { headers: { "x-forwarded-proto": "https" } });
      expect(spoofed.setCookies[0]![0]).not.toContain("Secure");
    });

    it("keeps cookies set by the app before it", async () => {
      client = await newClient();
      app = await start(client, {}, (express) =>
        express.use((_req, res, next) => {
          res.cookie("session", "abc");
          next();
        }),
      );
      const visitor = new Visitor(app.url);
      await visitor.json("/pricing");
      expect(visitor.setCookies[0]).toHaveLength(2);
      expect(visitor.cookies.get("session")).toBe("abc");
      expect(visitor.cookies.get("pagesense_uid")).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("serves requests while the settings server is down, with null decisions", async () => {
      await server.down();
      client = await newClient({ initTimeout: 200, pollingInterval: 60_000 });
      expect(client.isReady()).toBe(false);
      app = await start(client);
      const visitor = new Visitor(app.url);
      const body = await visitor.json<{ userId: string; variation: string | null }>("/pricing");
      expect(body.variation).toBeNull();
      expect(body.userId).toBe(visitor.cookies.get("pagesense_uid"));
      const buy = await visitor.request("/buy?amount=10", { method: "POST" });
      expect(buy.status).toBe(200);
    });

    it("delivers queued events when the app shuts down", async () => {
      client = await newClient({ flushInterval: 60_000 });
      app = await start(client);
      const visitor = new Visitor(app.url);
      const { userId } = await visitor.json<{ userId: string }>("/pricing");
      await visitor.json("/buy?amount=5", { method: "POST" });
      expect(server.visits).toHaveLength(0); // still queued: the flush interval is a minute

      await app.close();
      await client.close();
      expect(server.visits.map((v) => v.userId)).toEqual([userId]);
      expect(server.goals.map((g) => [g.userId, g.rv])).toEqual([[userId, 5]]);
    });

    it("rejects unusable options at start-up with a ConfigurationError", async () => {
      const created = await newClient();
      client = created;
      expect(() => pagesense({} as never)).toThrow(ConfigurationError);
      expect(() => pagesense({ client: created, cookieName: "bad name;" })).toThrow(/cookieName/);
      expect(() => pagesense({ client: created, userId: "nope" as never })).toThrow(/userId/);
      expect(() => pagesense({ client: created, cookie: { sameSite: "loose" as never } })).toThrow(
        /sameSite/,
      );
    });
  },
);
