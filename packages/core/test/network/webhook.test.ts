import { webhookPayload } from "@pagesense/testing";
import { afterEach, describe, expect, it } from "vitest";
import { NetworkRig, settingsWith } from "./harness";

const payload = webhookPayload();

describe("handleWebhook", () => {
  const rig = new NetworkRig();
  afterEach(() => rig.closeAll());

  it("refreshes settings on a valid call", async () => {
    const h = await rig.harness();
    const client = await h.client({ webhook: true });
    h.server.setSettings(
      settingsWith((d) => {
        d.projectsettings[0]!.experiments[0]!.permitted_traffic = 0;
      }),
    );
    const res = await client.handleWebhook(
      { headers: { "X-OAuth-Token": "s3cret" }, body: payload },
      { token: "s3cret" },
    );
    expect(res).toEqual({ status: 200, message: "settings updated" });
    expect((await client.decide("PricingTest", "u1", { Browser: "Chrome" })).reason).toBe(
      "OUT_OF_TRAFFIC",
    );
  });

  it("accepts the body as JSON text and headers in any case", async () => {
    const h = await rig.harness();
    const client = await h.client({ webhook: true });
    const res = await client.handleWebhook(
      { headers: { "x-oauth-token": ["s3cret"] }, body: JSON.stringify(payload) },
      { token: "s3cret" },
    );
    expect(res).toEqual({ status: 200, message: "settings unchanged" });
  });

  it.each([
    ["a wrong token", { "X-OAuth-Token": "nope" }],
    ["a longer token", { "X-OAuth-Token": "s3cret-and-more" }],
    ["no token", {}],
  ])("answers 401 to %s and changes nothing", async (_, headers) => {
    const h = await rig.harness();
    const client = await h.client({ webhook: true });
    const res = await client.handleWebhook({ headers, body: payload }, { token: "s3cret" });
    expect(res.status).toBe(401);
    expect(h.server.settingsRequests).toHaveLength(1);
  });

  it.each([
    ["not JSON", "{nope"],
    ["an array", [payload]],
    ["a missing field", { ...payload, EventName: undefined }],
    ["an empty field", { ...payload, AccountName: " " }],
    ["a bad time", { ...payload, LastModifiedTime: "30/11/2026" }],
  ])("answers 400 to a body with %s and changes nothing", async (_, body) => {
    const h = await rig.harness();
    const client = await h.client({ webhook: true });
    const res = await client.handleWebhook(
      { headers: { "X-OAuth-Token": "s3cret" }, body },
      { token: "s3cret" },
    );
    expect(res.status).toBe(400);
    expect(h.server.settingsRequests).toHaveLength(1);
  });

  it("answers 503 when the refresh fails, so PageSense retries", async () => {
    const h = await rig.harness();
    const client = await h.client({ webhook: true });
    h.server.fail("settings", { status: 502 });
    const res = await client.handleWebhook(
      { headers: { "X-OAuth-Token": "t" }, body: payload },
      { token: "t" },
    );
    expect(res.status).toBe(503);
  });

  it("ignores calls for another project", async () => {
    const h = await rig.harness();
    const client = await h.client({ webhook: true });
    const res = await client.handleWebhook(
      { headers: { "X-OAuth-Token": "t" }, body: { ...payload, ProjectName: "Blog" } },
      { token: "t" },
    );
    expect(res).toEqual({ status: 200, message: "ignored: another project" });
    expect(h.server.settingsRequests).toHaveLength(1);
  });
});
