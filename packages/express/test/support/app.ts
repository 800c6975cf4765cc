import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhookClient } from "@pagesense/core";
import express, { type Express } from "express";
import express4 from "express4";
import { type PageSenseMiddlewareOptions, pagesense, pagesenseWebhook } from "../../src/index";

export const WEBHOOK_TOKEN = "webhook-secret";

/** The Express majors the middleware supports, each tested. */
export const EXPRESS_MAJORS = { "Express 5": express, "Express 4": express4 } as const;
/** An Express app factory (`express()`). */
export type ExpressFactory = typeof express;

/** A running Express app with PageSense routes. */
export interface TestApp {
  url: string;
  app: Express;
  /** Stops the server; later calls return the same promise. */
  close(): Promise<void>;
}

/**
 * Starts a real Express app on 127.0.0.1 using the middleware and webhook handler:
 * GET /pricing (activate), GET /peek (getVariationName), POST /buy?amount= (trackGoal with revenue),
 * POST /pagesense/webhook (no body parser), POST /parsed/webhook (behind express.json()).
 */
export async function startApp(
  client: WebhookClient,
  options: Partial<PageSenseMiddlewareOptions> = {},
  configure?: (app: Express) => void,
  createApp: ExpressFactory = express,
): Promise<TestApp> {
  const app = createApp();
  configure?.(app);
  app.post("/parsed/webhook", createApp.json(), pagesenseWebhook({ client, token: WEBHOOK_TOKEN }));
  app.post("/pagesense/webhook", pagesenseWebhook({ client, token: WEBHOOK_TOKEN }));
  app.use(
    pagesense({
      client,
      attributes: (req) =>
        typeof req.query.plan === "string" ? { planType: req.query.plan } : undefined,
      ...options,
    }),
  );
  app.get("/pricing", async (req, res) => {
    const variation = await req.pagesense.activateExperiment("PricingTest");
    res.json({ userId: req.pagesense.userId, variation, attributes: req.pagesense.attributes });
  });
  app.get("/peek", async (req, res) => {
    res.json({
      userId: req.pagesense.userId,
      variation: await req.pagesense.getVariationName("PricingTest"),
    });
  });
  app.post("/buy", async (req, res) => {
    await req.pagesense.trackGoal("PricingTest", "PurchaseCompleted", Number(req.query.amount));
    res.json({ userId: req.pagesense.userId });
  });
  const server: Server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
