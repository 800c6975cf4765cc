import { afterEach, describe, expect, it } from "vitest";
import { CHROME, NetworkRig, sleep } from "./harness";

describe("event delivery against a real HTTP server", () => {
  const rig = new NetworkRig();
  afterEach(() => rig.closeAll());

  it("sends visits and goals in the wire shape of spec section 6", async () => {
    const h = await rig.harness();
    const client = await h.client();
    const variation = await client.activateExperiment("PricingTest", "user-1", CHROME);
    await client.trackGoal("PricingTest", "user-1", "PurchaseCompleted", 19.5, CHROME);
    await client.flush();
    const visit = h.server.payloads.find((p) => p.kind === "visit");
    const goal = h.server.payloads.find((p) => p.kind === "goal");
    const variationKey = variation === "Original" ? "V0" : "V1";
    expect(visit?.body).toEqual({
      furd: { f: "user-1" },
      fvrd: [
        {
          a: "demo",
          b: "EXP1",
          c: variationKey,
          p: "P1",
          ek: "ENV1",
          lk: 1,
          fsca: [{ ln: "Browser", v: "Chrome" }],
        },
      ],
    });
    expect(goal?.body).toEqual({
      furd: { f: "user-1" },
      fgrd: [
        {
          a: "demo",
          b: "EXP1",
          c: variationKey,
          p: "P1",
          ek: "ENV1",
          lk: 1,
          fsca: [{ ln: "Browser", v: "Chrome" }],
          gln: "purchase",
          ipl: true,
          rv: 19.5,
        },
      ],
    });
    expect(client.getStats()).toMatchObject({
      eventsQueued: 2,
      eventsSent: 2,
      eventsDropped: 0,
      eventsPending: 0,
    });
  });

  it("combines N goals of one user into one request", async () => {
    const h = await rig.harness();
    const client = await h.client({ flushInterval: 200 });
    for (let i = 0; i < 7; i++)
      await client.trackGoal("PricingTest", "buyer", "PurchaseCompleted", i, CHROME);
    await client.flush();
    const goalRequests = h.server.eventRequests.filter((r) => r.kind === "goal");
    expect(goalRequests).toHaveLength(1);
    expect(h.server.goals.map((g) => g.rv)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("sends a full batch at once, without waiting for flushInterval", async () => {
    const h = await rig.harness();
    const client = await h.client({ flushInterval: 60_000, batchSize: 5 });
    for (let i = 0; i < 5; i++) await client.activateExperiment("PricingTest", `u${i}`, CHROME);
    await h.server.waitFor((s) => s.visits.length === 5, 3000);
    await client.flush(); // the last response may still be on its way back
    expect(client.getStats().eventsSent).toBe(5);
  });

  it("sends a full batch on the next turn, not inside the call that filled it", async () => {
    const h = await rig.harness();
    const sent: string[] = [];
    const client = await h.client({
      flushInterval: 60_000,
      batchSize: 2,
      transport: {
        send: async (request) => {
          sent.push(request.body);
          return 200;
        },
      },
    });
    await client.activateExperiment("PricingTest", "u1", CHROME);
    await client.activateExperiment("PricingTest", "u2", CHROME);
    expect(sent).toHaveLength(0); // the batch is full, but serialising and sending wait a turn
    await h.server.waitFor(() => sent.length === 2, 3000);
    expect(client.getStats().eventsPending).toBe(0);
  });

  it("retries after 503 and loses nothing", async () => {
    const h = await rig.harness();
    const client = await h.client();
    h.server.fail("events", { status: 503, times: 3 });
    for (let i = 0; i < 20; i++) await client.activateExperiment("PricingTest", `u${i}`, CHROME);
    await client.flush();
    expect(new Set(h.server.visits.map((v) => v.userId)).size).toBe(20);
    const stats = client.getStats();
    expect(stats.eventsSent).toBe(20);
    expect(stats.eventsDropped).toBe(0);
    expect(stats.eventsRetried).toBeGreaterThanOrEqual(3);
  });

  it("retries while the server is unreachable and delivers when it is back", async () => {
    const h = await rig.harness();
    const client = await h.client({ retryDelay: 50 });
    await h.server.down();
    await client.activateExperiment("PricingTest", "u1", CHROME);
    await sleep(120);
    await h.server.up();
    await client.flush();
    expect(h.server.visits.map((v) => v.userId)).toEqual(["u1"]);
    expect(client.getStats().eventsDropped).toBe(0);
  });

  it("counts, logs and notifies drops when the server stays down", async () => {
    const h = await rig.harness();
    const client = await h.client({ maxRetries: 2 });
    const dropped: number[] = [];
    client.on("error", (e) => {
      if (e.dropped) dropped.push(e.dropped);
    });
    h.server.fail("events", { status: 500 });
    for (let i = 0; i < 4; i++) await client.activateExperiment("PricingTest", `u${i}`, CHROME);
    await client.flush();
    await client.close();
    expect(client.getStats()).toMatchObject({ eventsSent: 0, eventsDropped: 4, eventsPending: 0 });
    expect(dropped.reduce((a, b) => a + b, 0)).toBe(4);
    expect(h.logger.at("ERROR").some((m) => m.includes("dropped") && m.includes("HTTP 500"))).toBe(
      true,
    );
    // 4 users → 4 requests, each tried 1 + 2 times (then held while the collector is down),
    // and once more by close() before it drops them
    expect(h.server.eventRequests).toHaveLength(16);
  });

  it("does not retry other 4xx answers", async () => {
    const h = await rig.harness();
    const client = await h.client();
    h.server.fail("events", { status: 400 });
    await client.activateExperiment("PricingTest", "u1", CHROME);
    await client.flush();
    expect(h.server.eventRequests).toHaveLength(1);
    expect(client.getStats()).toMatchObject({ eventsDropped: 1, eventsRetried: 0 });
  });

  it("drops and counts events beyond maxQueueSize", async () => {
    const h = await rig.harness();
    const client = await h.client({ maxQueueSize: 3, batchSize: 100, flushInterval: 60_000 });
    for (let i = 0; i < 5; i++) await client.activateExperiment("PricingTest", `u${i}`, CHROME);
    await client.close();
    expect(client.getStats()).toMatchObject({ eventsQueued: 3, eventsSent: 3, eventsDropped: 2 });
    expect(h.logger.matching("dropped", "queue is full")).toHaveLength(1);
  });

  it("close() delivers every queued event, and later calls are no-ops", async () => {
    const h = await rig.harness();
    const client = await h.client({ flushInterval: 60_000 });
    for (let i = 0; i < 50; i++) {
      await client.activateExperiment("PricingTest", `u${i}`, CHROME);
      await client.trackGoal("PricingTest", `u${i}`, "PurchaseCompleted", CHROME);
    }
    expect(h.server.payloads).toHaveLength(0);
    await client.close();
    expect(h.server.visits).toHaveLength(50);
    expect(h.server.goals).toHaveLength(50);
    expect(await client.activateExperiment("PricingTest", "late", CHROME)).toBeNull();
    await client.close();
    expect(h.server.visits).toHaveLength(50);
  });

  it("close() gives up after closeTimeout: what is on the wire is in doubt, the rest dropped", async () => {
    const h = await rig.harness();
    const client = await h.client({
      closeTimeout: 150,
      requestTimeout: 60_000,
      maxConcurrentRequests: 1,
      flushInterval: 60_000,
    });
    h.server.fail("events", { hang: true });
    await client.activateExperiment("PricingTest", "u1", CHROME);
    await client.activateExperiment("PricingTest", "u2", CHROME);
    const started = Date.now();
    await client.close();
    expect(Date.now() - started).toBeLessThan(2000);
    // u1's request was sent and never answered: it may have arrived (in doubt); u2's never left.
    expect(client.getStats()).toMatchObject({
      eventsSent: 0,
      eventsDropped: 1,
      eventsInDoubt: 1,
      eventsPending: 0,
    });
    expect(h.logger.matching("dropped", "close() timed out")).toHaveLength(1);
    expect(h.logger.matching("in flight", "eventsInDoubt")).toHaveLength(1);
  });
});
