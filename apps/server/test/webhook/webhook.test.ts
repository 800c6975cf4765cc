import { parseWebhookPayload } from "@pagesense/core/internal";
import { waitFor } from "@pagesense/testing";
import { afterEach, describe, expect, it } from "vitest";
import { Sandbox, useSandbox } from "../support/server";
import { webhookReceiver } from "../support/webhookReceiver";

const TOKEN = "s3cret-token";

describe("webhook after a settings edit", () => {
  const sandbox = useSandbox();
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;

  afterEach(async () => {
    await receiver?.close();
  });

  function editTraffic(traffic: number): void {
    const doc = Sandbox.defaultSettings();
    doc.projectsettings[0]!.experiments[0]!.permitted_traffic = traffic;
    sandbox.writeSettings(doc);
  }

  it("POSTs the spec's payload with X-OAuth-Token once per accepted edit", async () => {
    receiver = await webhookReceiver();
    const server = await sandbox.start({ webhookUrl: receiver.url, webhookToken: TOKEN });
    expect(receiver.calls).toHaveLength(0); // loading at start-up is not an edit

    const before = Date.now();
    editTraffic(30);
    await waitFor(() => receiver.calls.length === 1);
    const call = receiver.calls[0]!;
    expect(call.headers["x-oauth-token"]).toBe(TOKEN);
    expect(call.headers["content-type"]).toBe("application/json");
    const body = call.body as Record<string, string>;
    expect(body).toEqual({
      ProjectName: "Shop",
      AccountName: "demo",
      EnvironmentName: "Production",
      EventName: "ExperimentRelaunched",
      LastModifiedTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    });
    // Core's own webhook parser (what the SDK runs) accepts it.
    expect(typeof parseWebhookPayload(body)).toBe("object");
    const sent = Date.parse(`${body.LastModifiedTime!.replace(" ", "T")}Z`);
    expect(sent).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(sent).toBeLessThanOrEqual(Date.now());
    expect(server.settingsVersion()).toBe(2);

    // An invalid edit calls nothing; the next valid one calls again.
    sandbox.writeSettings("{");
    await sandbox.waitForLog("settings edit rejected");
    editTraffic(40);
    await waitFor(() => receiver.calls.length === 2);
    // The receiver records a call before the server has read its response and logged it.
    await waitFor(() => sandbox.logged("webhook delivered").length === 2);
    expect(receiver.calls).toHaveLength(2);
  });

  it("retries a failing webhook every retry interval until it succeeds", async () => {
    receiver = await webhookReceiver([500, 503]);
    await sandbox.start({
      webhookUrl: receiver.url,
      webhookToken: TOKEN,
      webhookRetryInterval: 150,
    });
    const edited = Date.now(); // no attempt starts before the edit
    editTraffic(30);
    await waitFor(() => receiver.calls.length === 3);
    const [first, second, third] = receiver.calls;
    // Fixed schedule: attempts at first attempt + 0, 150 and 300 ms. Arrivals may lag their start
    // on a loaded machine (the first by more than the second), so bound them from the edit.
    expect(second!.at - edited).toBeGreaterThanOrEqual(150);
    expect(third!.at - edited).toBeGreaterThanOrEqual(300);
    expect(third!.body).toEqual(first!.body);
    expect(third!.headers["x-oauth-token"]).toBe(TOKEN);
    expect(sandbox.logged("webhook failed (HTTP 500); retrying")).toHaveLength(1);
    expect(sandbox.logged("webhook failed (HTTP 503); retrying")).toHaveLength(1);
    const delivered = await sandbox.waitForLog("webhook delivered");
    expect(delivered.attempt).toBe(3);
  });

  it("retries when the app is unreachable and gives up after the retry window", async () => {
    receiver = await webhookReceiver();
    const unreachable = receiver.url;
    await receiver.close(); // nothing listens there any more
    await sandbox.start({
      webhookUrl: unreachable,
      webhookToken: TOKEN,
      webhookRetryInterval: 100,
      webhookRetryWindow: 250,
    });
    editTraffic(30);
    const gaveUp = await sandbox.waitForLog("giving up");
    expect(gaveUp.level).toBe("error");
    // Attempts at 0, 100 and 200 ms; the next (300 ms) would fall outside the 250 ms window.
    expect(gaveUp.attempts).toBe(3);
    expect(sandbox.logged("retrying")).toHaveLength(2);
  });

  it("lets a newer edit supersede a delivery still retrying", async () => {
    receiver = await webhookReceiver([500]);
    await sandbox.start({
      webhookUrl: receiver.url,
      webhookToken: TOKEN,
      webhookRetryInterval: 60_000,
    });
    editTraffic(30);
    await sandbox.waitForLog("retrying");
    editTraffic(40);
    await waitFor(() => receiver.calls.length === 2);
    await sandbox.waitForLog("webhook delivered");
    expect(sandbox.logged("superseded")).toHaveLength(1);
  });

  it("abandons a retrying delivery when the server closes, and logs it", async () => {
    receiver = await webhookReceiver([500]);
    const server = await sandbox.start({
      webhookUrl: receiver.url,
      webhookToken: TOKEN,
      webhookRetryInterval: 60_000,
    });
    editTraffic(30);
    await sandbox.waitForLog("retrying");
    await server.close();
    expect(sandbox.logged("webhook delivery abandoned")).toHaveLength(1);
    expect(receiver.calls).toHaveLength(1);
  });

  it("needs a token with a webhook URL", async () => {
    await expect(sandbox.start({ webhookUrl: "http://127.0.0.1:9/hook" })).rejects.toThrow(
      "webhookUrl needs webhookToken",
    );
  });
});
