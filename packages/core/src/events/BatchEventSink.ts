import type { Notifier } from "../client/notifications";
import type { LogSink } from "../logging/logger";
import { backoffDelay, type TimerHandle, type Timers } from "../runtime/timers";
import type { Stats } from "../stats/Stats";
import { type EventTransport, isRetryableStatus } from "./transport";
import { type EventSink, type TrackingEvent, toPayloads } from "./types";

/** Tuning of {@link BatchEventSink}. */
export interface DeliveryOptions {
  /** `{base}`: events go to `{base}/psfullstacksdk/trackvisitor?type=22` and `.../trackgoal?type=23`. */
  baseUrl: string;
  /** Events held at most; more are dropped and counted. Default 10 000. */
  maxQueueSize: number;
  /** Events per batch; a full batch is sent at once. Default 100. */
  batchSize: number;
  /** Longest wait before a partial batch is sent, ms. Default 1 000. */
  flushInterval: number;
  /** Retries of a request after network errors, 408, 429 and 5xx. Default 5. */
  maxRetries: number;
  /** Upper bound on `close()`, ms. Default 10 000. */
  closeTimeout: number;
  /** First retry delay, ms (doubles each retry, with jitter). Default 500. */
  retryDelay: number;
  /** Longest retry delay, ms. Default 30 000. */
  maxRetryDelay: number;
  /** Requests in flight at once. Default 6. */
  concurrency: number;
  /**
   * Takes events that cannot be delivered now instead of dropping them: after the last retry
   * failed, and, at {@link BatchEventSink.flushFinal}, requests waiting for a retry (a beacon could
   * not report their failure). Returns true when it kept them (e.g. persisted them to send from the
   * next page): they then count as neither sent nor dropped. False: dropped (or, at the final
   * flush, retried) as without the hook.
   */
  onUndelivered?: (events: TrackingEvent[], reason: string) => boolean;
}

interface Job {
  kind: "visit" | "goal";
  body: string;
  events: TrackingEvent[];
  /** Handed to `onUndelivered`: its run ends without sending. */
  done?: boolean;
}

const PATHS = {
  visit: "/psfullstacksdk/trackvisitor?type=22",
  goal: "/psfullstacksdk/trackgoal?type=23",
} as const;

/**
 * Delivers events in batches: a bounded queue flushed by size or time, one request per user and
 * kind per batch, retries with exponential backoff and jitter on network errors, 408, 429 and
 * 5xx, and no retry on other 4xx. Every event ends up sent, dropped or kept by `onUndelivered`;
 * drops are counted, logged at ERROR and notified (`error` with `dropped`).
 */
export class BatchEventSink implements EventSink {
  private queue: TrackingEvent[] = [];
  private readonly outbox: Job[] = [];
  private readonly active = new Set<Job>();
  private readonly sleepers = new Map<Job, { onWake?: () => void }>();
  private idleWaiters: Array<() => void> = [];
  private timer: TimerHandle | undefined;
  private reportTimer: TimerHandle | undefined;
  private lastReport = 0;
  private readonly pendingDrops = new Map<string, number>();
  private closed = false;
  private abandoned = false;
  private final = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly options: DeliveryOptions,
    private readonly transport: EventTransport,
    private readonly timers: Timers,
    private readonly stats: Stats,
    private readonly log: LogSink,
    private readonly notifier: Notifier,
  ) {}

  /** Events queued or in flight. */
  get pending(): number {
    let n = this.queue.length;
    for (const j of this.outbox) n += j.events.length;
    for (const j of this.active) n += j.events.length;
    return n;
  }

  enqueue(event: TrackingEvent): void {
    if (this.closed) {
      this.drop(1, "the client is closed");
      return;
    }
    if (this.queue.length >= this.options.maxQueueSize) {
      this.drop(1, `the queue is full (maxQueueSize ${this.options.maxQueueSize})`);
      return;
    }
    this.queue.push(event);
    this.stats.eventsQueued++;
    if (this.queue.length >= this.options.batchSize) this.dispatch();
    else if (this.timer === undefined) {
      this.timer = this.timers.after(
        this.options.flushInterval,
        () => {
          this.timer = undefined;
          this.dispatch();
        },
        (e) => this.log.error(`event flush failed: ${String(e)}`),
      );
    }
  }

  async flush(): Promise<void> {
    this.dispatch();
    if (this.isIdle()) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * The final flush (page hidden or unloading, process exit): sends everything queued at once,
   * marked `final` so a transport may use a beacon, and hands requests waiting for a retry to
   * `onUndelivered` (others retry now). Does not wait; later sends are ordinary again.
   */
  flushFinal(): void {
    this.final = true;
    try {
      for (const [job, wake] of this.sleepers) {
        if (this.handOff(job, "the page was hidden while they waited for a retry")) {
          job.done = true;
          this.active.delete(job);
        }
        wake.onWake?.();
      }
      this.dispatch();
    } finally {
      this.final = false;
    }
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    for (const s of this.sleepers.values()) s.onWake?.();
    let timedOut = false;
    const deadline = new Promise<void>((resolve) => {
      const t = this.timers.after(
        this.options.closeTimeout,
        () => {
          timedOut = true;
          resolve();
        },
        () => resolve(),
      );
      this.flush().then(() => {
        t.cancel();
        resolve();
      });
    });
    await deadline;
    if (timedOut && !this.isIdle()) {
      const left = this.pending;
      this.abandoned = true;
      this.queue = [];
      this.outbox.length = 0;
      this.active.clear();
      this.drop(left, `close() timed out after ${this.options.closeTimeout} ms`);
      this.settleIdle();
    }
    this.reportDrops();
  }

  /** Moves the queue into the outbox as per-user requests and starts sending. */
  private dispatch(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const { batchSize } = this.options;
    while (this.queue.length > 0) {
      const batch = this.queue.length <= batchSize ? this.queue : this.queue.slice(0, batchSize);
      this.queue = this.queue.length <= batchSize ? [] : this.queue.slice(batchSize);
      // One request per (kind, user), records in order; each job keeps its events.
      const groups = new Map<string, TrackingEvent[]>();
      for (const e of batch) {
        const key = `${e.kind}\u0000${e.userId}`;
        const group = groups.get(key);
        if (group) group.push(e);
        else groups.set(key, [e]);
      }
      for (const events of groups.values()) {
        const p = toPayloads(events)[0]!;
        this.outbox.push({ kind: p.kind, body: JSON.stringify(p.body), events });
      }
    }
    this.pump();
  }

  /** Starts queued requests up to `concurrency` (all of them during the final flush). */
  private pump(): void {
    while ((this.final || this.active.size < this.options.concurrency) && this.outbox.length > 0) {
      const job = this.outbox.shift()!;
      this.active.add(job);
      void this.run(job).finally(() => {
        this.active.delete(job);
        this.pump();
        if (this.isIdle()) this.settleIdle();
      });
    }
  }

  private async run(job: Job): Promise<void> {
    const { maxRetries, retryDelay, maxRetryDelay } = this.options;
    const url = this.options.baseUrl + PATHS[job.kind];
    for (let attempt = 0; ; attempt++) {
      let status = 0;
      let failure = "";
      try {
        this.stats.requestsSent++;
        status = await this.transport.send({
          kind: job.kind,
          url,
          body: job.body,
          eventCount: job.events.length,
          final: this.final,
        });
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
      if (this.abandoned || job.done) return;
      if (status >= 200 && status < 300) {
        this.stats.eventsSent += job.events.length;
        return;
      }
      const what = status ? `HTTP ${status}` : `network error${failure ? ` (${failure})` : ""}`;
      this.stats.error(`event delivery: ${what}`);
      if (!isRetryableStatus(status)) {
        this.drop(job.events.length, `the server rejected them with ${what}`);
        return;
      }
      if (attempt >= maxRetries) {
        const reason = `delivery failed after ${attempt + 1} attempts (last: ${what})`;
        if (!this.handOff(job, reason)) this.drop(job.events.length, reason);
        return;
      }
      this.stats.eventsRetried++;
      this.log.warn(`event delivery failed (${what}); retry ${attempt + 1} of ${maxRetries}`);
      const wake: { onWake?: () => void } = {};
      this.sleepers.set(job, wake);
      const delay =
        this.closed || this.final
          ? Math.min(retryDelay, 250)
          : backoffDelay(attempt, retryDelay, maxRetryDelay);
      await this.timers.sleep(delay, wake);
      this.sleepers.delete(job);
      if (this.abandoned || job.done) return;
    }
  }

  /** Offers a job's events to `onUndelivered`; true when it kept them. */
  private handOff(job: Job, reason: string): boolean {
    const hook = this.options.onUndelivered;
    if (!hook) return false;
    try {
      return hook(job.events, reason) === true;
    } catch (error) {
      this.log.error(`onUndelivered failed: ${String(error)}`);
      return false;
    }
  }

  private drop(count: number, reason: string): void {
    if (count <= 0) return;
    this.stats.eventsDropped += count;
    this.stats.error(`${count} events dropped: ${reason}`);
    this.pendingDrops.set(reason, (this.pendingDrops.get(reason) ?? 0) + count);
    if (this.reportTimer === undefined) {
      const wait = Math.max(0, 1000 - (Date.now() - this.lastReport));
      this.reportTimer = this.timers.after(
        wait,
        () => this.reportDrops(),
        () => {},
      );
    }
  }

  /** Logs and notifies the drops since the last report (coalesced: at most one line per reason a second). */
  private reportDrops(): void {
    this.reportTimer?.cancel();
    this.reportTimer = undefined;
    if (this.pendingDrops.size === 0) return;
    this.lastReport = Date.now();
    for (const [reason, dropped] of this.pendingDrops) {
      const message = `${dropped} event${dropped === 1 ? "" : "s"} dropped: ${reason}`;
      this.log.error(message);
      this.notifier.emit("error", { source: "dropped", message, dropped });
    }
    this.pendingDrops.clear();
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.outbox.length === 0 && this.active.size === 0;
  }

  private settleIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
