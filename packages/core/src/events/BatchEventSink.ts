import { messageOf } from "../logging/describe";
import type { SafeLogger } from "../logging/logger";
import type { Notifier } from "../notifications/Notifier";
import { backoffDelay, type TimerHandle, type Timers, timedOut } from "../runtime/timers";
import { recordError, type Stats } from "../stats/Stats";
import { groupEvents, payloadOf } from "./payloads";
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
  declare readonly enqueue: (event: TrackingEvent) => void;
  declare readonly flush: () => Promise<void>;
  declare readonly close: () => Promise<void>;
  /**
   * The final flush (page hidden or unloading, process exit): sends everything queued at once,
   * marked `final` so a transport may use a beacon, and hands requests waiting for a retry to
   * `onUndelivered` (others retry now). Does not wait; later sends are ordinary again.
   */
  declare readonly flushFinal: () => void;
  declare private readonly count: () => number;

  constructor(
    options: DeliveryOptions,
    transport: EventTransport,
    timers: Timers,
    stats: Stats,
    log: SafeLogger,
    notifier: Notifier,
  ) {
    const { maxQueueSize, batchSize, flushInterval, closeTimeout, concurrency } = options;
    const { maxRetries, retryDelay, maxRetryDelay, baseUrl, onUndelivered } = options;
    let queue: TrackingEvent[] = [];
    /** Requests waiting for a free slot (`concurrency`). */
    const waiting: Job[] = [];
    /** Requests in flight or waiting for a retry. */
    const active = new Set<Job>();
    /** Resolves the pending `flush()` calls. */
    let idle: Array<() => void> = [];
    /** Events dropped since the last report, by reason. */
    const drops = new Map<string, number>();
    let timer: TimerHandle | undefined;
    let reportTimer: TimerHandle | undefined;
    let lastReport = 0;
    let closed = false;
    /** close() timed out: runs end, nothing more is counted. */
    let abandoned = false;
    let final = false;
    let closing: Promise<void> | undefined;

    const failed = (error: unknown) => log.error(`event delivery: ${messageOf(error)}`);

    const count = () => {
      let n = queue.length;
      for (const job of [...waiting, ...active]) n += job.events.length;
      return n;
    };

    const settle = () => {
      const resolvers = idle;
      idle = [];
      for (const resolve of resolvers) resolve();
    };

    /** Reports the drops since the last report (logged at ERROR, last error, `error` notification). */
    const reportDrops = () => {
      reportTimer?.cancel();
      reportTimer = undefined;
      for (const [reason, dropped] of drops) {
        lastReport = Date.now();
        const message = `${dropped} event${dropped === 1 ? "" : "s"} dropped: ${reason}`;
        notifier.report("dropped", message, { dropped });
      }
      drops.clear();
    };

    /** Counts dropped events; they are reported at most once a second per reason. */
    const drop = (n: number, reason: string) => {
      stats.eventsDropped += n;
      drops.set(reason, (drops.get(reason) ?? 0) + n);
      reportTimer ??= timers.after(
        Math.max(0, 1000 - (Date.now() - lastReport)),
        reportDrops,
        failed,
      );
    };

    /** Offers a job's events to `onUndelivered`; true when it kept them. */
    const handOff = (job: Job, reason: string): boolean => {
      try {
        const kept = onUndelivered?.(job.events, reason) === true;
        if (kept) log.warn(`${job.events.length} events kept for later delivery: ${reason}`);
        return kept;
      } catch (error) {
        log.error(`onUndelivered failed: ${messageOf(error)}`);
        return false;
      }
    };

    /** Sends a job, retrying with backoff; ends when it is sent, dropped, handed off or abandoned. */
    const run = async (job: Job): Promise<void> => {
      const { kind, events, body } = job;
      const n = events.length;
      for (let attempt = 0; ; attempt++) {
        let status = 0;
        let failure = "";
        try {
          stats.requestsSent++;
          const url = baseUrl + PATHS[kind];
          status = await transport.send({ kind, url, body: body!, eventCount: n, final });
        } catch (error) {
          failure = ` (${messageOf(error)})`;
        }
        if (abandoned || job.done) return;
        if (status >= 200 && status < 300) {
          stats.eventsSent += n;
          return;
        }
        const what = status ? `HTTP ${status}` : `network error${failure}`;
        recordError(stats, `event delivery: ${what}`);
        const retryable = isRetryableStatus(status);
        if (!retryable || attempt >= maxRetries) {
          const reason = retryable
            ? `delivery failed after ${attempt + 1} attempts (last: ${what})`
            : `the server rejected them with ${what}`;
          if (!retryable || !handOff(job, reason)) drop(n, reason);
          return;
        }
        stats.eventsRetried++;
        log.warn(`event delivery failed (${what}); retry ${attempt + 1} of ${maxRetries}`);
        await new Promise<void>((resolve) => {
          const delay = closed
            ? Math.min(retryDelay, 250)
            : backoffDelay(attempt, retryDelay, maxRetryDelay);
          const t = timers.after(delay, resolve, () => resolve());
          job.wake = () => {
            t.cancel();
            resolve();
          };
        });
        job.wake = undefined;
        if (abandoned || job.done) return;
      }
    };

    /** Starts waiting requests up to `concurrency` (all of them during the final flush). */
    const pump = (): void => {
      while ((final || active.size < concurrency) && waiting.length) {
        const job = waiting.shift()!;
        active.add(job);
        void run(job).finally(() => {
          active.delete(job);
          pump();
          if (!count()) settle();
        });
      }
    };

    /** Moves the queue into requests: one per (kind, user) and batch; then sends. */
    const dispatch = (): void => {
      timer?.cancel();
      timer = undefined;
      while (queue.length > 0) {
        for (const group of groupEvents(queue.splice(0, batchSize))) {
          waiting.push({
            kind: group.kind,
            events: group.events,
            body: JSON.stringify(payloadOf(group)),
          });
        }
      }
      pump();
    };

    const flush = async (): Promise<void> => {
      dispatch();
      if (count()) await new Promise<void>((resolve) => idle.push(resolve));
    };

    const shutdown = async (): Promise<void> => {
      closed = true;
      for (const job of active) job.wake?.();
      const left = (await timedOut(flush(), closeTimeout, timers)) && count();
      if (left) {
        abandoned = true;
        queue = [];
        waiting.length = 0;
        active.clear();
        drop(left, `close() timed out after ${closeTimeout} ms`);
        settle();
      }
      reportDrops();
    };

    Object.assign(this, {
      count,
      flush,
      enqueue(event: TrackingEvent) {
        if (closed || queue.length >= maxQueueSize) {
          drop(
            1,
            closed ? "the client is closed" : `the queue is full (maxQueueSize ${maxQueueSize})`,
          );
        } else {
          stats.eventsQueued++;
          if (queue.push(event) === batchSize) {
            // A full batch goes out on the next turn: serialising and sending are not the caller's.
            timer?.cancel();
            timer = timers.after(0, dispatch, failed);
          } else timer ??= timers.after(flushInterval, dispatch, failed);
        }
      },
      flushFinal() {
        final = true;
        try {
          for (const job of active) {
            if (job.wake && handOff(job, "the page was hidden during a retry wait")) {
              job.done = true;
              active.delete(job);
            }
            job.wake?.();
          }
          dispatch();
        } finally {
          final = false;
        }
      },
      close: () => {
        closing ??= shutdown();
        return closing;
      },
    });
  }

  /** Events queued or in flight. */
  get pending(): number {
    return this.count();
  }
}
