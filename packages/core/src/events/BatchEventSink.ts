import { messageOf } from "../logging/describe";
import type { SafeLogger } from "../logging/logger";
import type { Notifier } from "../notifications/Notifier";
import { Deadline, type TimerHandle, type Timers, timedOut } from "../runtime/timers";
import { recordError, type Stats } from "../stats/Stats";
import type { CollectorOutage } from "./CollectorOutage";
import { Delivery } from "./Delivery";
import { DropReporter } from "./DropReporter";
import { Fifo } from "./Fifo";
import { RetryPolicy } from "./RetryPolicy";
import { buildRequests, type EventMethod, type OutgoingRequest } from "./requests";
import { type EventTransport, isRetryableStatus } from "./transport";
import type { EventSink, TrackingEvent } from "./types";

/** Tuning of {@link BatchEventSink}. */
export interface DeliveryOptions {
  /** `{base}`: events go to `{base}/psfullstacksdk/trackvisitor?type=22` and `.../trackgoal?type=23`. */
  baseUrl: string;
  /**
   * Events held at most, whatever their state (queued, waiting for a slot, in flight, waiting for
   * a retry, held during an outage). Newer events beyond it are dropped and counted.
   */
  maxQueueSize: number;
  /** Events per batch; a full batch is sent at once. */
  batchSize: number;
  /** Longest wait before a partial batch is sent, ms. */
  flushInterval: number;
  /**
   * Retries a request makes on its own after network errors, 408, 429 and 5xx. After them the
   * events go to `onUndelivered`, or are held while the collector is down (`outage`), or dropped.
   */
  maxRetries: number;
  /** Upper bound on `close()`, ms. */
  closeTimeout: number;
  /** First retry delay, ms (doubles each retry, with jitter). */
  retryDelay: number;
  /** Longest retry and probe delay, ms. */
  maxRetryDelay: number;
  /** Requests in flight (or waiting for their retry) at once. */
  concurrency: number;
  /** `POST` JSON bodies (default) or `GET` with `&raw=`. */
  eventMethod?: EventMethod;
  /** Receives the promise of each batch's delivery as soon as its first event is queued. */
  waitUntil?: (promise: Promise<unknown>) => void;
  /**
   * Takes events that cannot be delivered now instead of holding or dropping them: after a
   * request used its retries, and, at {@link BatchEventSink.flushFinal}, requests waiting for a
   * retry (a beacon could not report their failure). Returns true when it kept them (e.g.
   * persisted them to send from the next page): they then count as neither sent nor dropped.
   * False: dropped (the hook sets the capacity for them), or, at the final flush, sent now.
   */
  onUndelivered?: (events: TrackingEvent[], reason: string) => boolean;
  /**
   * Holds requests while the collector is down ({@link CollectorOutage}; servers' clients have
   * it). Without it, a request that used its retries goes to `onUndelivered` or is dropped.
   */
  outage?: typeof CollectorOutage;
}

/** A request and where it stands. */
interface Job extends OutgoingRequest {
  /** Failed tries so far. */
  attempt: number;
  /** This send probes a collector that is down. */
  probe: boolean;
  /** The batch delivery handed to `waitUntil`, until this request has its outcome. */
  delivery: Delivery | undefined;
  /** Its retry timer, while it waits for a retry. */
  timer?: TimerHandle;
}

/**
 * Delivers events in batches: one request per user and kind, up to `concurrency` requests at a
 * time, retries with exponential backoff and jitter on network errors, 408, 429 and 5xx, none on
 * other 4xx. One bound, `maxQueueSize`, covers every event held in any state, and all
 * bookkeeping is counters (no walk over the backlog). With an `outage` part, when requests keep
 * failing past their retries, the collector counts as down: events are held and a single probe
 * goes out with capped backoff until the collector answers, then everything held is sent. Every
 * event ends up sent,
 * dropped (counted, logged at ERROR, notified as `error` with `dropped`), kept by
 * `onUndelivered`, or in doubt (in flight when `close()` timed out).
 */
export class BatchEventSink implements EventSink {
  readonly #options: DeliveryOptions;
  readonly #transport: EventTransport;
  readonly #timers: Timers;
  readonly #stats: Stats;
  readonly #log: SafeLogger;
  readonly #retry: RetryPolicy;
  readonly #drops: DropReporter;
  readonly #batchTimer: Deadline;
  /** Holding and probing while the collector is down (servers), if given. */
  readonly #outage: CollectorOutage | undefined;

  /** Events not yet turned into requests. */
  #queue: TrackingEvent[] = [];
  /** Requests waiting for a slot; while the collector is down, also the requests held for it. */
  readonly #ready = new Fifo<Job>();
  /** Requests waiting for their retry. */
  readonly #retrying = new Set<Job>();
  /** Slots taken: requests in flight or waiting for their retry. */
  #busy = 0;
  /** Events in requests on the wire now. */
  #eventsOnTheWire = 0;
  /** Events held in any state; at most `maxQueueSize`. */
  #held = 0;
  /** The delivery of the events queued since the last dispatch (with `waitUntil` only). */
  #delivery: Delivery | undefined;
  /** Resolve the `flush()` calls waiting for the sink to be idle. */
  #idleWaiters: Array<() => void> = [];
  #closed = false;
  /** close() timed out: outcomes arriving later are ignored. */
  #abandoned = false;
  #final = false;
  #closing: Promise<void> | undefined;

  constructor(
    options: DeliveryOptions,
    transport: EventTransport,
    timers: Timers,
    stats: Stats,
    log: SafeLogger,
    notifier: Notifier,
  ) {
    this.#options = { ...options, concurrency: Math.max(1, Math.floor(options.concurrency)) };
    this.#transport = transport;
    this.#timers = timers;
    this.#stats = stats;
    this.#log = log;
    this.#retry = new RetryPolicy(options.maxRetries, options.retryDelay, options.maxRetryDelay);
    const failed = (error: unknown) => log.error(`event delivery: ${messageOf(error)}`);
    this.#drops = new DropReporter(stats, notifier, timers, failed);
    this.#batchTimer = new Deadline(timers, () => this.#dispatch(), failed);
    const Outage = options.outage;
    this.#outage = Outage && new Outage(this.#retry, timers, log, () => this.#pump(), failed);
  }

  /** Events held: queued, waiting, in flight, waiting for a retry or held during an outage. */
  get pending(): number {
    return this.#held;
  }

  enqueue(event: TrackingEvent): void {
    const { maxQueueSize, batchSize, flushInterval } = this.#options;
    if (this.#closed) {
      this.#drops.drop(1, "the client is closed");
      return;
    }
    if (this.#held >= maxQueueSize) {
      this.#drops.drop(1, `the queue is full (maxQueueSize ${maxQueueSize})`);
      return;
    }
    this.#held++;
    this.#stats.eventsQueued++;
    if (this.#options.waitUntil && !this.#delivery) this.#handOverDelivery(this.#options.waitUntil);
    // Timers lost with an ended request (Workers) are noticed here and run on the next turn.
    const now = Date.now();
    this.#batchTimer.check(now);
    this.#outage?.check(now);
    // A full batch goes out on the next turn: serialising and sending are not the caller's.
    this.#batchTimer.arm(this.#queue.push(event) >= batchSize ? 0 : flushInterval, now);
  }

  flush(): Promise<void> {
    this.#dispatch();
    if (this.#isIdle()) return Promise.resolve();
    return new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * The final flush (page hidden or unloading, process exit): sends everything queued or held at
   * once, marked `final` so a transport may use a beacon, and hands requests waiting for a retry
   * to `onUndelivered` (others retry now). Does not wait; later sends are ordinary again.
   */
  flushFinal(): void {
    this.#final = true;
    try {
      for (const job of [...this.#retrying]) {
        if (this.#handOff(job, "the page was hidden during a retry wait")) {
          this.#stopWaiting(job);
          this.#busy--;
          this.#forget(job);
        } else this.#retryNow(job);
      }
      this.#dispatch();
    } finally {
      this.#final = false;
    }
  }

  /**
   * Sends what is held, waits up to `closeTimeout`, then stops: later events are dropped and
   * counted. Events still on the wire at the timeout count as in doubt (`eventsInDoubt`), the
   * rest as dropped. Then closes the transport, which ends requests still on the wire (so a
   * process waiting on a stalled collector can exit) and frees its connections.
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    this.#closed = true;
    this.#outage?.stop(); // one last try for everything held, with short retry delays
    for (const job of [...this.#retrying]) this.#retryNow(job);
    if (await timedOut(this.flush(), this.#options.closeTimeout, this.#timers)) this.#giveUp();
    this.#drops.report();
    try {
      await this.#transport.close?.(); // ends what is still on the wire, frees connections
    } catch (error) {
      this.#log.error(`event delivery: closing the transport failed: ${messageOf(error)}`);
    }
  }

  /** close() timed out: drops what never left, counts what is on the wire as in doubt. */
  #giveUp(): void {
    const { closeTimeout } = this.#options;
    this.#abandoned = true;
    this.#batchTimer.cancel();
    this.#outage?.cancel();
    const inDoubt = this.#eventsOnTheWire;
    const dropped = this.#held - inDoubt;
    for (const job of [...this.#retrying, ...this.#ready.drain()]) {
      this.#stopWaiting(job);
      job.delivery?.settle();
    }
    this.#queue = [];
    this.#held = 0;
    if (dropped > 0) this.#drops.drop(dropped, `close() timed out after ${closeTimeout} ms`);
    if (inDoubt > 0) {
      this.#stats.eventsInDoubt += inDoubt;
      this.#log.warn(
        `close() timed out after ${closeTimeout} ms with ${inDoubt} event${inDoubt === 1 ? "" : "s"} in flight: they may or may not have arrived (counted in eventsInDoubt)`,
      );
    }
    this.#settleIdle();
  }

  /** Moves the queue into requests, `batchSize` events at a time; then sends. */
  #dispatch(): void {
    this.#batchTimer.cancel();
    const { batchSize, baseUrl, eventMethod = "POST" } = this.#options;
    const events = this.#queue;
    const handed = this.#delivery;
    // While the collector is down, new requests are held at once: their delivery is settled.
    const delivery = this.#outage?.down ? undefined : handed;
    this.#queue = [];
    this.#delivery = undefined;
    for (let i = 0; i < events.length; i += batchSize) {
      const batch = i === 0 && events.length <= batchSize ? events : events.slice(i, i + batchSize);
      for (const request of buildRequests(batch, baseUrl, eventMethod)) {
        delivery?.add();
        this.#ready.push({ ...request, attempt: 0, probe: false, delivery });
      }
    }
    handed?.seal();
    this.#pump();
  }

  /** Starts waiting requests while slots are free (all at the final flush; one probe while down). */
  #pump(): void {
    const outage = this.#outage;
    if (outage?.down && !this.#final) {
      if (!outage.probeAllowed) return;
      const job = this.#ready.shift();
      if (!job) return;
      outage.probeSent();
      job.probe = true;
      this.#busy++;
      this.#send(job);
      return;
    }
    const { concurrency } = this.#options;
    while ((this.#final || this.#busy < concurrency) && this.#ready.size > 0) {
      this.#busy++;
      this.#send(this.#ready.shift()!);
    }
  }

  #send(job: Job): void {
    const { kind, method, url, body, events } = job;
    this.#eventsOnTheWire += events.length;
    this.#stats.requestsSent++;
    let answer: Promise<number>;
    try {
      answer = this.#transport.send({
        kind,
        method,
        url,
        body,
        eventCount: events.length,
        final: this.#final,
      });
    } catch (error) {
      answer = Promise.reject(error);
    }
    answer.then(
      (status) => this.#answered(job, status, ""),
      (error: unknown) => this.#answered(job, 0, ` (${messageOf(error)})`),
    );
  }

  /** Books the outcome of one send: delivered, dropped, retried or held. */
  #answered(job: Job, status: number, failure: string): void {
    const n = job.events.length;
    this.#eventsOnTheWire -= n;
    const wasProbe = job.probe;
    job.probe = false;
    if (wasProbe) this.#outage?.probeAnswered();
    if (this.#abandoned) {
      job.delivery?.settle();
      return;
    }
    if (status >= 200 && status < 300) {
      this.#stats.eventsSent += n;
      this.#done(job);
      this.#outage?.answered(this.#ready.size);
    } else {
      const what = status ? `HTTP ${status}` : `network error${failure}`;
      recordError(this.#stats, `event delivery: ${what}`);
      if (isRetryableStatus(status)) this.#failed(job, what, wasProbe);
      else {
        this.#drops.drop(n, `the server rejected them with ${what}`);
        this.#done(job);
        this.#outage?.answered(this.#ready.size); // it answered
      }
    }
    this.#pump();
    if (this.#isIdle()) this.#settleIdle();
  }

  /** A retryable failure: retry on its own, or (retries used) hand off, hold or drop. */
  #failed(job: Job, what: string, wasProbe: boolean): void {
    const outage = this.#outage;
    if (wasProbe && outage && !this.#closed) {
      this.#hold(outage, job, what, true); // still down: the next probe follows with backoff
      return;
    }
    const attempt = job.attempt++;
    if (this.#retry.retriesOnItsOwn(attempt)) {
      this.#waitToRetry(job, attempt, what);
      return;
    }
    const reason = `delivery failed after ${job.attempt} attempts (last: ${what})`;
    const { onUndelivered } = this.#options;
    if (this.#closed || onUndelivered || !outage) {
      // Closing: nothing will be left to probe. A hook decides the capacity for what it refuses.
      // No outage part: nothing holds them.
      if (!this.#handOff(job, reason)) this.#drops.drop(job.events.length, reason);
      this.#done(job);
      return;
    }
    this.#hold(outage, job, what, wasProbe);
  }

  #waitToRetry(job: Job, attempt: number, what: string): void {
    const { maxRetries } = this.#options;
    this.#stats.eventsRetried++;
    this.#log.warn(`event delivery failed (${what}); retry ${attempt + 1} of ${maxRetries}`);
    const delay = this.#retry.retryDelay(attempt, this.#closed);
    this.#retrying.add(job);
    job.timer = this.#timers.after(
      delay,
      () => this.#retryNow(job),
      () => this.#retryNow(job),
    );
  }

  /** Ends a retry wait now: the request goes out again in its slot. */
  #retryNow(job: Job): void {
    if (!this.#retrying.has(job)) return;
    this.#stopWaiting(job);
    this.#send(job);
  }

  #stopWaiting(job: Job): void {
    job.timer?.cancel();
    job.timer = undefined;
    this.#retrying.delete(job);
  }

  /**
   * Keeps a request whose retries are used up for when the collector is back; probes meanwhile.
   * It gets its retries afresh, so one failure after the collector's return is retried like any
   * other instead of taking the whole queue back to probing.
   */
  #hold(outage: CollectorOutage, job: Job, what: string, wasProbe: boolean): void {
    this.#busy--;
    job.attempt = 0;
    job.delivery?.settle();
    job.delivery = undefined;
    this.#ready.push(job);
    outage.failed(what, wasProbe, this.#options.maxQueueSize, this.#closed);
  }

  /** A request has its final outcome: its slot and events are free. */
  #done(job: Job): void {
    this.#busy--;
    this.#forget(job);
  }

  #forget(job: Job): void {
    this.#held -= job.events.length;
    job.delivery?.settle();
    job.delivery = undefined;
  }

  /** Offers a request's events to `onUndelivered`; true when it kept them. */
  #handOff(job: Job, reason: string): boolean {
    const { onUndelivered } = this.#options;
    if (!onUndelivered) return false;
    try {
      const kept = onUndelivered(job.events, reason) === true;
      if (kept) this.#log.warn(`${job.events.length} events kept for later delivery: ${reason}`);
      return kept;
    } catch (error) {
      this.#log.error(`onUndelivered failed: ${messageOf(error)}`);
      return false;
    }
  }

  #handOverDelivery(waitUntil: (promise: Promise<unknown>) => void): void {
    const delivery = new Delivery();
    this.#delivery = delivery;
    try {
      waitUntil(delivery.done);
    } catch (error) {
      this.#log.error(`waitUntil failed: ${messageOf(error)}`);
    }
  }

  /** Nothing queued, in flight or waiting for a retry (requests held for an outage excepted). */
  #isIdle(): boolean {
    if (this.#busy > 0 || this.#queue.length > 0) return false;
    return this.#ready.size === 0 || this.#outage?.down === true;
  }

  #settleIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
