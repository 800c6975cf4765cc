import type { WebhookClient } from "@pagesense/core";
import { createClient } from "@pagesense/node";
import {
  type FakePageSense,
  postWebhook,
  RecordingLogger,
  startPageSenseServer,
  webhookPayload,
} from "@pagesense/testing";
import type { NextFunction, Request, Response } from "express";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pagesenseWebhook } from "../src/index";
import {
  EXPRESS_MAJORS,
  type ExpressFactory,
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
      logger: new RecordingLogger(),
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

  describe("pagesenseWebhook() behind an app-level express.json()", () => {
    let parsed: TestApp;
    let stderr: string[];
    let restoreStderr: () => void;

    beforeEach(async () => {
      stderr = captureStderr();
      parsed = await startApp(
        client,
        {},
        (express) => {
          // Express logs unhandled errors' stacks except in env "test" (vitest's NODE_ENV).
          express.set("env", "development");
          express.use(createApp.json({ limit: "32kb" }));
          express.use("/used/webhook", pagesenseWebhook({ client, token: WEBHOOK_TOKEN }));
          express.use((_req: Request, res: Response) => {
            res.status(404).json({ handledBy: "the app" });
          });
        },
        createApp,
      );
    });

    afterEach(async () => {
      restoreStderr();
      await parsed.close();
    });

    /** Records what reaches stderr (console.error included) until `restoreStderr()`. */
    function captureStderr(): string[] {
      const lines: string[] = [];
      const write = process.stderr.write;
      const error = console.error;
      process.stderr.write = ((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      }) as typeof process.stderr.write;
      console.error = (...args: unknown[]) => {
        lines.push(args.map(String).join(" "));
      };
      restoreStderr = () => {
        process.stderr.write = write;
        console.error = error;
      };
      return lines;
    }

    const post = (body: string, token: string | null = WEBHOOK_TOKEN) =>
      postWebhook(`${parsed.url}/used/webhook`, body, token);

    it("answers 200 for a valid call", async () => {
      const before = server.settingsRequests.length;
      const response = await post(JSON.stringify(payload));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 200 });
      expect(server.settingsRequests.length).toBe(before + 1);
      expect(stderr).toEqual([]);
    });

    it("passes on other methods and sub-paths of its app.use path", async () => {
      const get = await fetch(`${parsed.url}/used/webhook`);
      expect(await get.json()).toEqual({ handledBy: "the app" });
      const below = await postWebhook(`${parsed.url}/used/webhook/x`, "{not json", WEBHOOK_TOKEN);
      expect(below.status).toBe(400);
      expect(below.headers.get("content-type")).toMatch(/text\/html/);
      // the app's own error, logged by Express: not the webhook's to answer
      expect(stderr.join("")).toMatch(/SyntaxError/);
      stderr.length = 0;
    });

    it("answers 400 JSON for malformed JSON, with nothing on stderr", async () => {
      const response = await post("{not json");
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/application\/json/);
      expect(await response.json()).toEqual({ status: 400, message: "the body is not JSON" });
      expect(stderr).toEqual([]);
    });

    it("answers 413 JSON for a body over the parser's limit, with nothing on stderr", async () => {
      const big = JSON.stringify({ ...payload, padding: "x".repeat(40 * 1024) });
      const response = await post(big);
      expect(response.status).toBe(413);
      expect(response.headers.get("content-type")).toMatch(/application\/json/);
      expect(((await response.json()) as { message: string }).message).toMatch(/limit/);
      expect(stderr).toEqual([]);
    });

    it("answers 401 JSON for a wrong or missing token first, whatever the body", async () => {
      const big = JSON.stringify({ ...payload, padding: "x".repeat(100 * 1024) });
      for (const body of ["{not json", big, JSON.stringify(payload)]) {
        for (const token of ["wrong", null]) {
          const response = await post(body, token);
          expect(response.status).toBe(401);
          expect(await response.json()).toEqual({ status: 401, message: "invalid token" });
        }
      }
      expect(stderr).toEqual([]);
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

    it("answers 401 for a wrong or missing token before looking at a 100 KB body", async () => {
      const big = JSON.stringify({ ...payload, padding: "x".repeat(100 * 1024) });
      for (const path of ["/pagesense/webhook", "/parsed/webhook"]) {
        for (const token of ["wrong", null]) {
          const response = await call(path, big, token);
          expect(response.status).toBe(401);
          expect(await response.json()).toEqual({ status: 401, message: "invalid token" });
        }
      }
    });

    it("answers 400 JSON for malformed JSON refused by a route-level express.json()", async () => {
      const response = await call("/parsed/webhook", "{not json");
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ status: 400, message: "the body is not JSON" });
      expect((await call("/parsed/webhook", "{not json", "wrong")).status).toBe(401);
    });

    it("answers 413 for a body over 64 KB that a body parser with a larger limit read", async () => {
      const big = JSON.stringify({ ...payload, padding: "x".repeat(70 * 1024) });
      const response = await call("/parsed/webhook", big);
      expect(response.status).toBe(413);
      expect(((await response.json()) as { message: string }).message).toMatch(/64 KB/);
    });

    it("passes on errors that are not a body parser's", async () => {
      const seen: unknown[] = [];
      const other = await startApp(
        client,
        {},
        (express) => {
          express.post("/failing/webhook", (_req, _res, next) => next(new Error("boom")));
          express.post("/failing/webhook", pagesenseWebhook({ client, token: WEBHOOK_TOKEN }));
          express.use(
            "/failing/webhook",
            (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
              seen.push(error);
              res.status(500).json({ handledBy: "the app" });
            },
          );
        },
        createApp,
      );
      try {
        const response = await postWebhook(
          `${other.url}/failing/webhook`,
          JSON.stringify(payload),
          WEBHOOK_TOKEN,
        );
        expect(response.status).toBe(500);
        expect(await response.json()).toEqual({ handledBy: "the app" });
        expect(seen).toHaveLength(1);
        expect((seen[0] as Error).message).toBe("boom");
      } finally {
        await other.close();
      }
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
