import { afterEach, describe, expect, it } from "vitest";
import { BatchEventSink, type DeliveryOptions } from "../../src/events/BatchEventSink";
import { CollectorOutage } from "../../src/events/CollectorOutage";
import { httpTransport } from "../../src/events/transport";
import type { TrackingEvent } from "../../src/events/types";
import { SafeLogger } from "../../src/logging/logger";
import { Notifier } from "../../src/notifications/Notifier";
import { HttpClient } from "../../src/runtime/http";
import { type TimerHandle, Timers } from "../../src/runtime/timers";
import { newStats } from "../../src/stats/Stats";
import { RecordingLogger } from "../fixtures/logger";
import { TestCollector } from "./collector";
import { CHROME, NetworkRig, sleep } from "./harness";

/** Timers whose handles can all be cancelled at once, as Workers do when a request ends. */
class CancellableTimers extends Timers {
  readonly live = new Set<TimerHandle>();

  constructor() {
    super(false);
  }

  override after(ms: number, fn: () => void, onError: (error: unknown) => void): TimerHandle {
    const handle: TimerHandle = super.after(
      ms,
      () => {
        this.live.delete(handle);
        fn();
      },
      onError,
    );
    this.live.add(handle);
    return handle;
  }

  /** The request ended: every timer is gone. */
  cancelAll(): void {
    for (const h of this.live) h.cancel();
    this.live.clear();
  }
}

const visit = (userId: string): TrackingEvent => ({
  kind: "visit",
  userId,
  record: { a: "demo", b: "EXP1", c: "V0", p: "P1", ek: "ENV1", lk: 1, fsca: [] },
});

/** A BatchEventSink over real HTTP (core's HttpClient) to `baseUrl`. */
function sinkTo(
  baseUrl: string,
  options: Partial<DeliveryOptions> = {},
  timers = new Timers(false),
) {
  const logger = new RecordingLogger();
  const log = new SafeLogger(logger, "DEBUG");
  const stats = newStats();
  const sink = new BatchEventSink(
    {
      baseUrl,
      maxQueueSize: 1000,
      batchSize: 100,
      flushInterval: 20,
      maxRetries: 5,
      closeTimeout: 5000,
      retryDelay: 10,
      maxRetryDelay: 1000,
      concurrency: 6,
      outage: CollectorOutage,
      ...options,
    },
    httpTransport(new HttpClient(), 2000),
    timers,
    stats,
    log,
    new Notifier(log, stats),
  );
  return { sink, stats, logger };
}

describe("delivery at load and through failures (real HTTP on 127.0.0.1)", () => {
  const rig = new NetworkRig();
  afterEach(() => rig.closeAll());

  /** A started collector closed after the test. */
  async function collector(answer?: ConstructorParameters<typeof TestCollector>[0]) {
    const c = await new TestCollector(answer).start();
    rig.add(() => c.close());
    return c;
  }

  it("bounds everything held by maxQueueSize: in flight, waiting for a slot and for a retry", async () => {
    const h = await rig.harness();
    const client = await h.client({
      maxQueueSize: 10,
      maxConcurrentRequests: 2,
      batchSize: 1,
      requestTimeout: 300,
      retryDelay: 20,
    });
    const dropped: number[] = [];
    client.on("error", (e) => {
      if (e.dropped) dropped.push(e.dropped);
    });
    h.server.fail("events", { hang: true, times: 2 });
    for (let i = 0; i < 15; i++) {
      await client.activateExperiment("PricingTest", `u${i}`, CHROME);
      await sleep(1); // let each full batch (of 1) go out, so events reach every state
    }
    expect(client.getStats()).toMatchObject({
      eventsQueued: 10,
      eventsPending: 10,
      eventsDropped: 5,
    });
    await client.flush(); // the two hung requests time out, retry and get through
    const stats = client.getStats();
    expect(stats).toMatchObject({ eventsSent: 10, eventsPending: 0, eventsDropped: 5 });
    expect(stats.eventsRetried).toBeGreaterThanOrEqual(2);
    expect(new Set(h.server.visits.map((v) => v.userId)).size).toBe(10);
    await client.close();
    expect(dropped.reduce((a, b) => a + b, 0)).toBe(5);
    // Reported at most once a second per reason: the lines add up to the 5.
    const lines = h.logger.matching("dropped: the queue is full (maxQueueSize 10)");
    expect(lines.reduce((n, l) => n + Number.parseInt(l.message, 10), 0)).toBe(5);
  });

  it("keeps at most maxConcurrentRequests in flight, retries included, and loses nothing", async () => {
    // The first 40 requests get 503, the rest 200 after 15 ms.
    const c = await collector((n) => (n < 40 ? { status: 503 } : { status: 200, delayMs: 15 }));
    const { sink, stats } = sinkTo(c.url, { concurrency: 8, batchSize: 50 });
    for (let i = 0; i < 200; i++) sink.enqueue(visit(`u${i}`));
    await sink.flush();
    expect(new Set(c.users).size).toBe(200);
    expect(stats).toMatchObject({ eventsSent: 200, eventsDropped: 0 });
    // 40 failed sends, each tried again (by its retry, or after a probe if its retries ran out).
    expect(c.requests).toBe(240);
    expect(stats.requestsSent).toBe(240);
    expect(c.maxOpen).toBeLessThanOrEqual(8);
    expect(c.maxOpen).toBeGreaterThan(1);
    expect(sink.pending).toBe(0);
  });

  it("an outage longer than the retry budget loses nothing under the cap: events are held and probed", async () => {
    const h = await rig.harness();
    const client = await h.client({ maxRetries: 1, retryDelay: 10 });
    await h.server.down();
    for (let i = 0; i < 20; i++) await client.activateExperiment("PricingTest", `u${i}`, CHROME);
    await client.flush(); // resolves once every request used its retries: the rest is held
    expect(client.getStats()).toMatchObject({ eventsPending: 20, eventsDropped: 0, eventsSent: 0 });
    expect(h.logger.matching("collector keeps failing", "probing")).toHaveLength(1);
    await sleep(300); // several probes fail meanwhile
    await h.server.up();
    await h.server.waitFor((s) => s.visits.length === 20);
    await client.flush();
    expect(client.getStats()).toMatchObject({ eventsPending: 0, eventsDropped: 0, eventsSent: 20 });
    expect(new Set(h.server.visits.map((v) => v.userId)).size).toBe(20);
    expect(h.logger.matching("collector answers again")).toHaveLength(1);
  });

  it("counts events held during an outage against maxQueueSize, and delivers them afterwards", async () => {
    const h = await rig.harness();
    const client = await h.client({ maxQueueSize: 5, maxRetries: 0 });
    await h.server.down();
    for (let i = 0; i < 8; i++) await client.activateExperiment("PricingTest", `u${i}`, CHROME);
    await client.flush();
    expect(client.getStats()).toMatchObject({
      eventsQueued: 5,
      eventsPending: 5,
      eventsDropped: 3,
    });
    await h.server.up();
    await h.server.waitFor((s) => s.visits.length === 5);
    await client.flush();
    expect(client.getStats()).toMatchObject({ eventsSent: 5, eventsPending: 0, eventsDropped: 3 });
    expect(h.server.visits.map((v) => v.userId).sort()).toEqual(["u0", "u1", "u2", "u3", "u4"]);
  });

  it("sends the same records with eventMethod GET (…&raw=<JSON>) as with POST", async () => {
    const h = await rig.harness();
    const post = await h.client();
    const get = await h.client({ eventMethod: "GET" });
    for (const client of [post, get]) {
      await client.activateExperiment("PricingTest", "same-user", CHROME);
      await client.trackGoal("PricingTest", "same-user", "PurchaseCompleted", 5, CHROME);
      await client.flush();
    }
    const methods = h.server.eventRequests.map((r) => `${r.method} ${r.kind} ${r.status}`);
    expect(methods).toEqual(["POST visit 200", "POST goal 200", "GET visit 200", "GET goal 200"]);
    const bodies = h.server.payloads.map((p) => p.body);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(bodies[3]).toEqual(bodies[1]);
    expect(get.getStats()).toMatchObject({ eventsSent: 2, eventsDropped: 0 });
  });

  it("a stalled response body fails within requestTimeout and the retry delivers", async () => {
    const c = await collector((n) => (n === 0 ? { stall: true } : { status: 200 }));
    const { sink, stats, logger } = sinkTo(c.url);
    sink.enqueue(visit("u1"));
    await sink.flush();
    expect(c.users).toEqual(["u1"]);
    expect(stats).toMatchObject({ eventsSent: 1, eventsRetried: 1, eventsDropped: 0 });
    expect(logger.matching("timed out after 2000 ms")).toHaveLength(1);
  });

  it("a trickling response body fails within requestTimeout too", async () => {
    const c = await collector((n) => (n === 0 ? { trickle: true, everyMs: 50 } : { status: 200 }));
    const { sink, stats, logger } = sinkTo(c.url);
    sink.enqueue(visit("u1"));
    await sink.flush();
    expect(c.users).toEqual(["u1"]);
    expect(stats).toMatchObject({ eventsSent: 1, eventsRetried: 1 });
    expect(logger.matching("timed out after 2000 ms")).toHaveLength(1);
  });

  it("HttpClient (settings fetches) times the whole request: a stalled body rejects", async () => {
    const c = await collector(() => ({ stall: true }));
    const http = new HttpClient();
    await expect(http.request(c.url, { method: "GET", timeout: 200 })).rejects.toThrow(
      "request timed out after 200 ms",
    );
  });

  it("a batch whose timer was cancelled (Workers end a request's timers) is sent at the next enqueue", async () => {
    const h = await rig.harness();
    const timers = new CancellableTimers();
    const { sink, stats } = sinkTo(h.server.url, { flushInterval: 30 }, timers);
    sink.enqueue(visit("first"));
    timers.cancelAll(); // the request that queued it ended
    await sleep(250); // past flushInterval and the overdue margin: nothing went out
    expect(h.server.eventRequests).toHaveLength(0);
    sink.enqueue(visit("second")); // the next request uses the client
    await h.server.waitFor((s) => s.visits.length === 2, 3000);
    expect(h.server.visits.map((v) => v.userId)).toEqual(["first", "second"]);
    await h.server.waitFor(() => stats.eventsSent === 2, 3000);
  });

  it("hands each batch's delivery to waitUntil once, as soon as its first event is queued", async () => {
    const h = await rig.harness();
    const handed: Promise<unknown>[] = [];
    const { sink, stats } = sinkTo(h.server.url, {
      flushInterval: 50,
      waitUntil: (p) => handed.push(p),
    });
    sink.enqueue(visit("a"));
    expect(handed).toHaveLength(1);
    sink.enqueue(visit("b"));
    sink.enqueue(visit("c"));
    expect(handed).toHaveLength(1);
    await handed[0]; // nothing else awaited: the promise covers the batch's delivery
    expect(h.server.visits.map((v) => v.userId).sort()).toEqual(["a", "b", "c"]);
    expect(stats.eventsSent).toBe(3);
    sink.enqueue(visit("d"));
    expect(handed).toHaveLength(2);
    await handed[1];
    expect(h.server.visits).toHaveLength(4);
  });
});
