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
  /** Set while the job waits for a retry: ends the wait at once. */
  wake?: () => void;
  /** Handed to `onUndelivered`: its run ends without sending. */
  done?: boolean;
}

const PATHS = {
  visit: "/psfullstacksdk/trackvisitor?type=22",
  goal: "/psfullstacksdk/trackgoal?type=23",
} as const;

const countOf = (jobs: Iterable<Job>): number => {
  let n = 0;
  for (const j of jobs) n += j.events.length;
  return n;
};

/**
 * Delivers events in batches: a bounded queue flushed by size or time, one request per user and
 * kind per batch, retries with exponential backoff and jitter on network errors, 408, 429 and
 * 5xx, and no retry on other 4xx. Every event ends up sent, dropped or kept by `onUndelivered`;
 * drops are counted, logged at ERROR and notified (`error` with `dropped`).
 */
export class BatchEventSink implements EventSink {
  private queue: TrackingEvent[] = [];
  /** Requests waiting for a free slot (`concurrency`). */
  private readonly outbox: Job[] = [];
  /** Requests in flight or waiting for a retry. */
  private readonly active = new Set<Job>();
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
    return this.queue.length + countOf(this.outbox) + countOf(this.active);
  }

  enqueue(event: TrackingEvent): void {
    const { maxQueueSize, batchSize, flushInterval } = this.options;
    if (this.closed || this.queue.length >= maxQueueSize) {
      this.drop(
        1,
        this.closed ? "the client is closed" : `the queue is full (maxQueueSize ${maxQueueSize})`,
      );
      return;
    }
    this.stats.eventsQueued++;
    if (this.queue.push(event) >= batchSize) this.dispatch();
    else {
      this.timer ??= this.timers.after(
        flushInterval,
        () => this.dispatch(),
        (e) => this.log.error(`event flush failed: ${String(e)}`),
      );
    }
  }

  async flush(): Promise<void> {
    this.dispatch();
    if (!this.isIdle()) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
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
    let timer: TimerHandle | undefined;
    const timedOut = await Promise.race([
      this.flush().then(() => false),
      new Promise<boolean>((resolve) => {
        timer = this.timers.after(
          closeTimeout,
          () => resolve(true),
          () => resolve(true),
        );
      }),
    ]);
    timer?.cancel();
    if (timedOut && !this.isIdle()) {
      const left = this.pending;
      this.abandoned = true;
      this.queue = [];
      this.outbox.length = 0;
      this.active.clear();
      this.drop(left, `close() timed out after ${closeTimeout} ms`);
      this.settleIdle();
    }
    this.reportDrops();
  }

  /** Moves the queue into the outbox as one request per (kind, user) and batch, and sends. */
  private dispatch(): void {
    this.timer?.cancel();
    this.timer = undefined;
    while (this.queue.length > 0) {
      const groups = new Map<string, TrackingEvent[]>();
      for (const e of this.queue.splice(0, this.options.batchSize)) {
        const key = `${e.kind}\u0000${e.userId}`;
        const group = groups.get(key);
        if (group) group.push(e);
        else groups.set(key, [e]);
      }
      for (const events of groups.values()) {
        const { kind, body } = toPayloads(events)[0]!;
        this.outbox.push({ kind, body: JSON.stringify(body), events });
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
    const { maxRetries, retryDelay, maxRetryDelay, baseUrl } = this.options;
    const count = job.events.length;
    for (let attempt = 0; ; attempt++) {
      let status = 0;
      let failure = "";
      try {
        this.stats.requestsSent++;
        status = await this.transport.send({
          kind: job.kind,
          url: baseUrl + PATHS[job.kind],
          body: job.body,
          eventCount: count,
          final: this.final,
        });
      } catch (error) {
        failure = ` (${error instanceof Error ? error.message : String(error)})`;
      }
      if (this.abandoned || job.done) return;
      if (status >= 200 && status < 300) {
        this.stats.eventsSent += count;
        return;
      }
      const what = status ? `HTTP ${status}` : `network error${failure}`;
      this.stats.error(`event delivery: ${what}`);
      if (!isRetryableStatus(status)) {
        this.drop(count, `the server rejected them with ${what}`);
        return;
      }
      if (attempt >= maxRetries) {
        const reason = `delivery failed after ${attempt + 1} attempts (last: ${what})`;
        if (!this.handOff(job, reason)) this.drop(count, reason);
        return;
      }
      this.stats.eventsRetried++;
      this.log.warn(`event delivery failed (${what}); retry ${attempt + 1} of ${maxRetries}`);
      await new Promise<void>((resolve) => {
        const delay = this.closed
          ? Math.min(retryDelay, 250)
          : backoffDelay(attempt, retryDelay, maxRetryDelay);
        const t = this.timers.after(delay, resolve, () => resolve());
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
    const hook = this.options.onUndelivered;
    try {
      return hook?.(job.events, reason) === true;
    } catch (error) {
      this.log.error(`onUndelivered failed: ${String(error)}`);
      return false;
    }
  }

  private drop(count: number, reason: string): void {
    this.stats.eventsDropped += count;
    this.stats.error(`${count} events dropped: ${reason}`);
    this.pendingDrops.set(reason, (this.pendingDrops.get(reason) ?? 0) + count);
    this.reportTimer ??= this.timers.after(
      Math.max(0, 1000 - (Date.now() - this.lastReport)),
      () => this.reportDrops(),
      () => {},
    );
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
    return this.queue.length + this.outbox.length + this.active.size === 0;
  }

  private settleIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
