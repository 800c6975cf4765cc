import type { WebhookClient } from "@pagesense/core";
import { createClient } from "@pagesense/node";
import {
  type FakePageSense,
  postWebhook,
  startPageSenseServer,
  webhookPayload,
} from "@pagesense/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pagesenseWebhook } from "../src/index";
import {
  EXPRESS_MAJORS,
  type ExpressFactory,
  memoryLogger,
  startApp,
  type TestApp,
  WEBHOOK_TOKEN,
} from "./support/app";

let server: FakePageSense;
let client: WebhookClient;
let app: TestApp;

const payload = webhookPayload();

const call = (path: string, body: string, token: string | null = WEBHOOK_TOKEN) =>
  postWebhook(app.url + path, body, token);

describe.each(Object.entries(EXPRESS_MAJORS))("%s", (_major, createApp: ExpressFactory) => {
  beforeEach(async () => {
    server = await startPageSenseServer();
    client = await createClient({
      accountId: "demo-US",
      sdkKey: "sdk-demo",
      projectName: "Shop",
      baseUrl: server.url,
      webhook: true,
      logger: memoryLogger(),
    });
    app = await startApp(client, {}, undefined, createApp);
  });

  afterEach(async () => {
    await app.close();
    await client.close();
    await server.close();
  });

  describe.each(["/pagesense/webhook", "/parsed/webhook"])("pagesenseWebhook() at %s", (path) => {
    it("answers 200 and refreshes the settings for a valid call", async () => {
      const before = server.settingsRequests.length;
      const response = await call(path, JSON.stringify(payload));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 200 });
      expect(server.settingsRequests.length).toBe(before + 1);
    });

    it("picks up relaunched settings through the webhook", async () => {
      const doc = structuredClone(client.getSettings()) as {
        projectsettings: Array<{ experiments: Array<{ experiment_status: number }> }>;
      };
      doc.projectsettings[0]!.experiments[0]!.experiment_status = 3; // paused
      server.setSettings(doc);
      expect(
        await client.getVariationName("PricingTest", "u1", { Browser: "Chrome" }),
      ).not.toBeNull();
      const response = await call(path, JSON.stringify(payload));
      expect(await response.json()).toEqual({ status: 200, message: "settings updated" });
      expect(await client.getVariationName("PricingTest", "u1", { Browser: "Chrome" })).toBeNull();
    });

    it("answers 401 for a wrong or missing token, without refreshing", async () => {
      const before = server.settingsRequests.length;
      expect((await call(path, JSON.stringify(payload), "wrong")).status).toBe(401);
      expect((await call(path, JSON.stringify(payload), null)).status).toBe(401);
      expect(server.settingsRequests.length).toBe(before);
    });

    it("answers 400 for a body that is not a valid webhook payload", async () => {
      const missing = await call(path, JSON.stringify({ ...payload, EventName: "" }));
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as { message: string }).message).toMatch(/EventName/);
      const empty = await call(path, "");
      expect(empty.status).toBe(400);
    });
  });

  describe("pagesenseWebhook() body handling", () => {
    it("answers 400 for text that is not JSON when no body parser ran", async () => {
      const response = await call("/pagesense/webhook", "{not json");
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/not JSON/);
    });

    it("answers 413 for a body over 64 KB", async () => {
      const big = JSON.stringify({ ...payload, padding: "x".repeat(70 * 1024) });
      const response = await call("/pagesense/webhook", big);
      expect(response.status).toBe(413);
    });

    it("rejects a missing token at start-up", () => {
      expect(() => pagesenseWebhook({ client, token: "" })).toThrow(/token/);
    });

    it("rejects missing options or client at start-up", () => {
      const noOptions = undefined as unknown as Parameters<typeof pagesenseWebhook>[0];
      expect(() => pagesenseWebhook(noOptions)).toThrow(/options/);
      const noClient = { token: WEBHOOK_TOKEN } as Parameters<typeof pagesenseWebhook>[0];
      expect(() => pagesenseWebhook(noClient)).toThrow(/client/);
    });
  });
});
