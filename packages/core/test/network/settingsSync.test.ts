import { waitFor } from "@pagesense/testing";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigurationError } from "../../src/client/ConfigurationError";
import { createClient } from "../../src/client/createClient";
import { CHROME, NetworkRig, settingsWith, sleep } from "./harness";

describe("settings sync against a real HTTP server", () => {
  const rig = new NetworkRig();
  afterEach(() => rig.closeAll());

  it("loads settings on start, sending the credentials the spec names", async () => {
    const h = await rig.harness();
    const client = await h.client();
    expect(client.isReady()).toBe(true);
    expect(await client.getVariationName("PricingTest", "user-1", CHROME)).not.toBeNull();
    const [first] = h.server.settingsRequests;
    expect(first?.fpqd).toEqual({ a: "demo", ai: "demo-US", sk: "sdk-demo", pn: "Shop" });
    expect(first?.projectVersion).toBeUndefined();
    expect(client.getStats().settingsVersion).toBe("1");
  });

  it("sends the last version and keeps the settings when the server says unchanged (304)", async () => {
    const h = await rig.harness();
    const client = await h.client();
    expect(await client.getAndUpdateProjectSettings()).toBe(false);
    const last = h.server.settingsRequests.at(-1);
    expect(last?.projectVersion).toBe("1");
    expect(last?.status).toBe(304);
    expect(client.getStats()).toMatchObject({ settingsRefreshes: 1, settingsFetches: 2 });
  });

  it("applies a changed version", async () => {
    const h = await rig.harness();
    const client = await h.client();
    const changes: Array<string | undefined> = [];
    client.on("settings", (s) => changes.push(s.version));
    h.server.setSettings(
      settingsWith((d) => {
        d.projectsettings[0]!.experiments[0]!.experiment_status = 3;
      }),
      "7",
    );
    expect(await client.getAndUpdateProjectSettings()).toBe(true);
    expect(changes).toEqual(["7"]);
    expect((await client.decide("PricingTest", "user-1", CHROME)).reason).toBe(
      "EXPERIMENT_NOT_RUNNING",
    );
  });

  it("records a goal against the settings it was decided with, when new settings land during an async storage lookup", async () => {
    const h = await rig.harness();
    let release!: () => void;
    const lookedUp = new Promise<void>((resolve) => {
      release = resolve;
    });
    const client = await h.client({
      userStorage: { lookup: () => lookedUp.then(() => undefined), save: () => {} },
    });
    const tracked = client.trackGoal("PricingTest", "user-1", "PurchaseCompleted", 5, CHROME);
    // While the lookup is pending, the project drops the goal.
    h.server.setSettings(
      settingsWith((d) => {
        d.projectsettings[0]!.goals = [];
        d.projectsettings[0]!.experiments[0]!.goals = [];
      }),
      "8",
    );
    expect(await client.getAndUpdateProjectSettings()).toBe(true);
    release();
    await tracked;
    await client.flush();
    expect(h.server.goals).toEqual([
      expect.objectContaining({ userId: "user-1", gln: "purchase", ipl: true, rv: 5 }),
    ]);
    // The next conversion is checked against the new settings.
    await client.trackGoal("PricingTest", "user-1", "PurchaseCompleted", CHROME);
    expect(h.logger.matching('no goal named "PurchaseCompleted"')).toHaveLength(1);
  });

  it.each([
    ["HTTP 500", { status: 500 }],
    ["garbage JSON", { garbage: true }],
    ["an invalid document", { invalidDocument: true }],
  ] as const)("keeps the last good settings when the server answers %s", async (_, failure) => {
    const h = await rig.harness();
    const client = await h.client();
    const before = await client.getVariationName("PricingTest", "user-1", CHROME);
    const errors: string[] = [];
    client.on("error", (e) => errors.push(e.message));
    h.server.fail("settings", failure);
    expect(await client.getAndUpdateProjectSettings()).toBe(false);
    expect(await client.getVariationName("PricingTest", "user-1", CHROME)).toBe(before);
    expect(errors).toHaveLength(1);
    expect(h.logger.at("ERROR").some((m) => m.includes("settings"))).toBe(true);
    expect(client.getStats().lastError?.message).toContain("settings");
  });

  it("names the invalid field when a refresh is rejected", async () => {
    const h = await rig.harness();
    const client = await h.client();
    h.server.setSettings(
      settingsWith((d) => {
        (d.projectsettings[0]!.experiments[0] as { variations: unknown }).variations = "nope";
      }),
    );
    await client.getAndUpdateProjectSettings();
    expect(
      h.logger.matching("projectsettings[0].experiments[0].variations: expected array"),
    ).toHaveLength(1);
    expect(client.isReady()).toBe(true);
  });

  it("polls every pollingInterval and stops when closed", async () => {
    const h = await rig.harness();
    const client = await h.client({ pollingInterval: 40 });
    await h.server.waitFor((s) => s.settingsRequests.length >= 4, 3000);
    await client.close();
    const count = h.server.settingsRequests.length;
    await sleep(150);
    expect(h.server.settingsRequests.length).toBe(count);
  });

  it("webhook mode stops polling and turning it off resumes it", async () => {
    const h = await rig.harness();
    const client = await h.client({ pollingInterval: 30, webhook: true });
    await sleep(150);
    expect(h.server.settingsRequests).toHaveLength(1);
    client.disableWebhookUpdates();
    await h.server.waitFor((s) => s.settingsRequests.length >= 3, 3000);
    client.enableWebhookUpdates();
    // Joins a request still in flight (or makes one), so none is on its way when we count.
    await client.getAndUpdateProjectSettings();
    const count = h.server.settingsRequests.length;
    await sleep(150);
    expect(h.server.settingsRequests.length).toBe(count);
  });

  it("resolves after initTimeout when the server is unreachable, then becomes ready when it is back", async () => {
    const h = await rig.harness();
    await h.server.down();
    const client = await h.client({ initTimeout: 100 });
    expect(client.isReady()).toBe(false);
    expect(await client.decide("PricingTest", "user-1", CHROME)).toMatchObject({
      reason: "NOT_READY",
      variationName: null,
    });
    // Connection refused at once: the start-up line says the fetch failed, not that it timed out.
    expect(h.logger.matching("first settings fetch failed after").length).toBe(1);
    expect(h.logger.matching("within initTimeout")).toEqual([]);
    await h.server.up();
    await waitFor(() => client.isReady());
    expect(client.isReady()).toBe(true);
    expect(await client.getVariationName("PricingTest", "user-1", CHROME)).not.toBeNull();
  });

  it("rejects configuration it cannot work with, saying what to fix", async () => {
    await expect(
      createClient({ accountId: "demo-XX", sdkKey: "k", projectName: "p" }),
    ).rejects.toThrow(/accountId "demo-XX" must be "<account>-<DC>"/);
    await expect(
      createClient({ accountId: "demo", sdkKey: "k", projectName: "p" }),
    ).rejects.toThrow(ConfigurationError);
    await expect(createClient({ accountId: "demo-US", projectName: "p" })).rejects.toThrow(
      /needs sdkKey/,
    );
    await expect(createClient({ sdkKey: "k", projectName: "p" })).rejects.toThrow(/accountId/);
  });
});
