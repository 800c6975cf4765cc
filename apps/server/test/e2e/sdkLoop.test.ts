import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient, type WebhookClient } from "@pagesense/core";
import { waitFor } from "@pagesense/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src";
import { fetchReport } from "../support/protocol";
import { Sandbox, useSandbox } from "../support/server";

/** The whole loop offline: the real SDK (@pagesense/core) against the local server. */
describe("SDK against the local server", () => {
  const sandbox = useSandbox();
  let server: RunningServer;
  let client: WebhookClient | undefined;

  beforeEach(async () => {
    server = await sandbox.start();
  });
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  const connect = (extra: Record<string, unknown> = {}) =>
    createClient({
      accountId: "demo-US",
      sdkKey: "sdk-demo",
      projectName: "Shop",
      baseUrl: server.url,
      pollingInterval: 0,
      flushInterval: 20,
      logLevel: "OFF",
      ...extra,
    });

  it("fetches settings, sends visits and goals, and the report counts them", async () => {
    client = await connect();
    expect(client.isReady()).toBe(true);
    const seen = new Map<string, string>();
    for (let i = 0; i < 30; i++) {
      const variation = await client.activateExperiment("PricingTest", `user-${i}`);
      expect(["Original", "Variation 1"]).toContain(variation);
      seen.set(`user-${i}`, variation!);
    }
    await client.trackGoal("PricingTest", "user-0", "PurchaseCompleted", 42);
    await client.trackGoal("PricingTest", "user-1", "SignupClicked");
    await client.flush();

    const report = await fetchReport(server.url);
    const expected = [...seen.values()];
    expect(report.variations.map((v) => v.visitors)).toEqual([
      expected.filter((v) => v === "Original").length,
      expected.filter((v) => v === "Variation 1").length,
    ]);
    const purchase = report.goals[0]!.variations.find(
      (v) => v.variationName === seen.get("user-0"),
    )!;
    expect(purchase).toMatchObject({ converters: 1, conversions: 1, revenue: 42 });
    const signup = report.goals[1]!.variations.find((v) => v.variationName === seen.get("user-1"))!;
    expect(signup).toMatchObject({ converters: 1, conversions: 1 });
    expect(report.flaggedEvents).toEqual({ visits: 0, goals: 0 });
    expect(report.unattributedConversions).toBe(0);
  });

  it("picks up a settings edit on refresh, and through the server's webhook", async () => {
    // The app's webhook endpoint hands the call to the SDK, as the express/nest adapters do.
    const token = "hook-secret";
    let refreshes = 0;
    const app = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const answer = await client!.handleWebhook(
          { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") },
          { token },
        );
        refreshes++;
        res.writeHead(answer.status).end(answer.message);
      });
    });
    await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
    try {
      await server.close();
      server = await sandbox.start({
        webhookUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/webhook`,
        webhookToken: token,
      });
      client = await connect({ webhook: true });
      expect(await client.activateExperiment("PricingTest", "user-1")).not.toBeNull();
      expect(await client.getAndUpdateProjectSettings()).toBe(false);

      // Stop the experiment: the server calls the webhook, the SDK refetches and stops serving it.
      const doc = Sandbox.defaultSettings();
      doc.projectsettings[0]!.experiments[0]!.experiment_status = 3;
      sandbox.writeSettings(doc);
      await waitFor(() => refreshes === 1);
      await sandbox.waitForLog("webhook delivered");
      expect(await client.activateExperiment("PricingTest", "user-1")).toBeNull();
    } finally {
      await new Promise<void>((r) => app.close(() => r()));
    }
  });
});
