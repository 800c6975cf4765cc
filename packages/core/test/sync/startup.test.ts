import { exampleSettings, waitFor } from "@pagesense/testing";
import { afterEach, describe, expect, it } from "vitest";
import { CHROME, NetworkRig, sleep } from "../network/harness";

// The network rig (delivery's branch) closes this file's clients and servers after each test.
const rig = new NetworkRig();
afterEach(() => rig.closeAll());
const harness = () => rig.harness();

/** Replaces the global timer functions for one test (what Workers do to a client's timers). */
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
afterEach(() => {
  globalThis.setTimeout = realSetTimeout;
  globalThis.clearTimeout = realClearTimeout;
});

describe("start-up and background settings refresh", () => {
  it("starting during an outage, is ready within a poll period of the recovery (not minutes)", async () => {
    const h = await harness();
    await h.server.down();
    const client = await h.client({ initTimeout: 50, pollingInterval: 200 });
    expect(client.isReady()).toBe(false);
    // Long enough for about 15 failed attempts: exponential backoff would now wait minutes.
    await sleep(3_000);
    const attempts = h.logger.matching("settings fetch failed").length;
    expect(attempts).toBeGreaterThanOrEqual(8);
    await h.server.up();
    const recovered = Date.now();
    await waitFor(() => client.isReady(), 2_000);
    expect(Date.now() - recovered).toBeLessThan(1_000);
    expect(await client.getVariationName("PricingTest", "user-1", CHROME)).not.toBeNull();
  });

  it("says the credentials were refused on 401/403, without the key, and that the fetch failed (not timed out)", async () => {
    const h = await harness();
    h.server.fail("settings", { status: 401 });
    const client = await h.client({ initTimeout: 5_000 });
    expect(client.isReady()).toBe(false);
    const refused = h.logger.matching("HTTP 401", "check sdkKey / accountId / projectName");
    expect(refused.length).toBe(1);
    expect(h.logger.matching("first settings fetch failed after")).toHaveLength(1);
    expect(h.logger.matching("within initTimeout")).toEqual([]);
    for (const line of h.logger.lines) expect(line.message).not.toContain("sdk-demo");
  });

  it("says the first load timed out when the server does not answer within initTimeout", async () => {
    const h = await harness();
    h.server.fail("settings", { hang: true, times: 1 });
    const client = await h.client({ initTimeout: 100, requestTimeout: 2_000 });
    expect(client.isReady()).toBe(false);
    expect(h.logger.matching("settings not loaded within initTimeout (100 ms)")).toHaveLength(1);
    expect(h.logger.matching("first settings fetch failed")).toEqual([]);
  });

  it("restarts a poll the runtime cancelled at the next call, in the background", async () => {
    const h = await harness();
    const period = 137; // told apart from the test's own timers by its delay
    const client = await h.client({ pollingInterval: period });
    expect(client.isReady()).toBe(true);
    // The "request ends": the client's poll timers are cancelled right away, as Workers do.
    globalThis.setTimeout = ((fn: () => void, ms?: number) => {
      const id = realSetTimeout(fn, ms);
      if (ms === period) realClearTimeout(id);
      return id;
    }) as typeof setTimeout;
    await h.server.waitFor((s) => s.settingsRequests.length >= 2, 2_000);
    const before = h.server.settingsRequests.length;
    await sleep(1_500); // well past the due time plus the grace
    expect(h.server.settingsRequests.length).toBe(before); // nothing fires on its own
    const version = h.server.setSettings(exampleSettings(), "after-cancel");
    const decision = await client.decide("PricingTest", "user-1", CHROME); // the next call
    expect(decision.reason).toBe("BUCKETED"); // answered from the settings in force, no waiting
    await h.server.waitFor((s) => s.settingsRequests.length > before, 2_000);
    await waitFor(() => client.getStats().settingsVersion === version, 2_000);
  });

  it("defers the first fetch to the first use when the runtime refuses timers (a Worker's module scope)", async () => {
    const h = await harness();
    globalThis.setTimeout = (() => {
      throw new Error("Disallowed operation called within global scope");
    }) as unknown as typeof setTimeout;
    const client = await h.client({ pollingInterval: 10_000 });
    expect(h.server.settingsRequests).toHaveLength(0);
    expect(h.logger.matching("settings fetch deferred")).toHaveLength(1);
    globalThis.setTimeout = realSetTimeout; // a request runs: timers and I/O are allowed
    expect(client.isReady()).toBe(false); // first use: starts the fetch
    await waitFor(() => client.isReady(), 2_000);
    expect(h.server.settingsRequests).toHaveLength(1);
  });

  it("hands background settings refreshes to waitUntil", async () => {
    const h = await harness();
    const handed: Promise<unknown>[] = [];
    const client = await h.client({ waitUntil: (p) => handed.push(p), pollingInterval: 100 });
    expect(client.isReady()).toBe(true);
    await waitFor(() => handed.length >= 2, 2_000);
    await Promise.all(handed);
  });
});
