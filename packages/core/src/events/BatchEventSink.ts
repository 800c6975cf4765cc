import type { Notifier } from "../client/notifications";
import { messageOf } from "../logging/describe";
import type { LogSink } from "../logging/logger";
import { backoffDelay, type TimerHandle, type Timers, timedOut } from "../runtime/timers";
import { recordError, type Stats } from "../stats/Stats";
import { type EventTransport, isRetryableStatus } from "./transport";
import type { EventSink, TrackingEvent } from "./types";

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
  events: TrackingEvent[];
  /** The JSON request body. */
  body?: string;
  /** Set while the job waits for a retry: ends the wait at once. */
  wake?: () => void;
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
  declare private readonly options: DeliveryOptions;
  declare private readonly transport: EventTransport;
  declare private readonly timers: Timers;
  declare private readonly stats: Stats;
  declare private readonly log: LogSink;
  declare private readonly notifier: Notifier;
  declare private queue: TrackingEvent[];
  /** Requests waiting for a free slot (`concurrency`). */
  declare private readonly waiting: Job[];
  /** Requests in flight or waiting for a retry. */
  declare private readonly active: Set<Job>;
  /** Resolves the pending `flush()` calls. */
  declare private idle: Array<() => void>;
  declare private timer: TimerHandle | undefined;
  declare private reportTimer: TimerHandle | undefined;
  declare private lastReport: number;
  /** Events dropped since the last report, by reason. */
  declare private readonly drops: Map<string, number>;
  declare private closed: boolean;
  /** close() timed out: runs end, nothing more is counted. */
  declare private abandoned: boolean;
  declare private final: boolean;
  declare private closing: Promise<void> | undefined;
  /** Logs an error thrown by a timer's work. */
  declare private readonly failed: (error: unknown) => void;

  constructor(
    options: DeliveryOptions,
    transport: EventTransport,
    timers: Timers,
    stats: Stats,
    log: LogSink,
    notifier: Notifier,
  ) {
    Object.assign(this, {
      options,
      transport,
      timers,
      stats,
      log,
      notifier,
      queue: [],
      waiting: [],
      active: new Set(),
      idle: [],
      drops: new Map(),
      lastReport: 0,
      failed: (error: unknown) => log.error(`event delivery: ${messageOf(error)}`),
    });
  }

  /** Events queued or in flight. */
  get pending(): number {
    let n = this.queue.length;
    for (const job of [...this.waiting, ...this.active]) n += job.events.length;
    return n;
  }

  enqueue(event: TrackingEvent): void {
    const { maxQueueSize, batchSize, flushInterval } = this.options;
    if (this.closed || this.queue.length >= maxQueueSize) {
      this.drop(
        1,
        this.closed ? "the client is closed" : `the queue is full (maxQueueSize ${maxQueueSize})`,
      );
    } else {
      this.stats.eventsQueued++;
      if (this.queue.push(event) >= batchSize) this.dispatch();
      else this.timer ??= this.timers.after(flushInterval, () => this.dispatch(), this.failed);
    }
  }

  async flush(): Promise<void> {
    this.dispatch();
    if (this.pending) await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  /**
   * The final flush (page hidden or unloading, process exit): sends everything queued at once,
   * marked `final` so a transport may use a beacon, and hands requests waiting for a retry to
   * `onUndelivered` (others retry now). Does not wait; later sends are ordinary again.
   */
  flushFinal(): void {
    this.final = true;
    try {
      for (const job of this.active) {
        if (job.wake && this.handOff(job, "the page was hidden while they waited for a retry")) {
          job.done = true;
          this.active.delete(job);
        }
        job.wake?.();
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
    for (const job of this.active) job.wake?.();
    const { closeTimeout } = this.options;
    const left = (await timedOut(this.flush(), closeTimeout, this.timers)) && this.pending;
    if (left) {
      this.abandoned = true;
      this.queue = [];
      this.waiting.length = 0;
      this.active.clear();
      this.drop(left, `close() timed out after ${closeTimeout} ms`);
      this.settle();
    }
    this.reportDrops();
  }

  /** Moves the queue into requests: one per (kind, user) and batch; then sends. */
  private dispatch(): void {
    this.timer?.cancel();
    this.timer = undefined;
    while (this.queue.length > 0) {
      const jobs = new Map<string, Job>();
      for (const e of this.queue.splice(0, this.options.batchSize)) {
        const key = `${e.kind} ${e.userId}`;
        const job = jobs.get(key);
        if (job) job.events.push(e);
        else jobs.set(key, { kind: e.kind, events: [e] });
      }
      for (const job of jobs.values()) {
        job.body = JSON.stringify({
          furd: { f: job.events[0]!.userId },
          [job.kind === "visit" ? "fvrd" : "fgrd"]: job.events.map((e) => e.record),
        });
        this.waiting.push(job);
      }
    }
    this.pump();
  }

  /** Starts waiting requests up to `concurrency` (all of them during the final flush). */
  private pump(): void {
    while ((this.final || this.active.size < this.options.concurrency) && this.waiting.length) {
      const job = this.waiting.shift()!;
      this.active.add(job);
      void this.run(job).finally(() => {
        this.active.delete(job);
        this.pump();
        if (!this.pending) this.settle();
      });
    }
  }

  /** Sends a job, retrying with backoff; ends when it is sent, dropped, handed off or abandoned. */
  private async run(job: Job): Promise<void> {
    const { maxRetries, retryDelay, maxRetryDelay, baseUrl } = this.options;
    const { stats, transport } = this;
    const { kind, events, body } = job;
    const count = events.length;
    for (let attempt = 0; ; attempt++) {
      let status = 0;
      let failure = "";
      try {
        stats.requestsSent++;
        const url = baseUrl + PATHS[kind];
        status = await transport.send({
          kind,
          url,
          body: body!,
          eventCount: count,
          final: this.final,
        });
      } catch (error) {
        failure = ` (${messageOf(error)})`;
      }
      if (this.abandoned || job.done) return;
      if (status >= 200 && status < 300) {
        stats.eventsSent += count;
        return;
      }
      const what = status ? `HTTP ${status}` : `network error${failure}`;
      recordError(stats, `event delivery: ${what}`);
      const retryable = isRetryableStatus(status);
      if (!retryable || attempt >= maxRetries) {
        const reason = retryable
          ? `delivery failed after ${attempt + 1} attempts (last: ${what})`
          : `the server rejected them with ${what}`;
        if (!retryable || !this.handOff(job, reason)) this.drop(count, reason);
        return;
      }
      stats.eventsRetried++;
      this.log.warn(`event delivery failed (${what}); retry ${attempt + 1} of ${maxRetries}`);
      await new Promise<void>((resolve) => {
        const t = this.timers.after(
          this.closed
            ? Math.min(retryDelay, 250)
            : backoffDelay(attempt, retryDelay, maxRetryDelay),
          resolve,
          () => resolve(),
        );
        job.wake = () => {
          t.cancel();
          resolve();
        };
      });
      job.wake = undefined;
      if (this.abandoned || job.done) return;
    }
  }

  /** Offers a job's events to `onUndelivered`; true when it kept them. */
  private handOff(job: Job, reason: string): boolean {
    try {
      return this.options.onUndelivered?.(job.events, reason) === true;
    } catch (error) {
      this.log.error(`onUndelivered failed: ${messageOf(error)}`);
      return false;
    }
  }

  /** Counts dropped events; they are reported at most once a second per reason. */
  private drop(count: number, reason: string): void {
    this.stats.eventsDropped += count;
    this.drops.set(reason, (this.drops.get(reason) ?? 0) + count);
    this.reportTimer ??= this.timers.after(
      Math.max(0, 1000 - (Date.now() - this.lastReport)),
      () => this.reportDrops(),
      this.failed,
    );
  }

  /** Reports the drops since the last report (logged at ERROR, last error, `error` notification). */
  private reportDrops(): void {
    this.reportTimer?.cancel();
    this.reportTimer = undefined;
    for (const [reason, dropped] of this.drops) {
      this.lastReport = Date.now();
      const message = `${dropped} event${dropped === 1 ? "" : "s"} dropped: ${reason}`;
      this.notifier.report("dropped", message, { dropped });
    }
    this.drops.clear();
  }

  /** Resolves the pending `flush()` calls. */
  private settle(): void {
    const waiters = this.idle;
    this.idle = [];
    for (const resolve of waiters) resolve();
  }
}
