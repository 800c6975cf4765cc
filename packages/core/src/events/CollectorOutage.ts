import type { SafeLogger } from "../logging/logger";
import { Deadline, type Timers } from "../runtime/timers";
import type { RetryPolicy } from "./RetryPolicy";

/** Longest wait between two probes of a collector that is down, ms. */
export const MAX_PROBE_DELAY = 5_000;

/**
 * A collector that is down, as a server's event sink sees it: once a request has used its
 * retries (and no `onUndelivered` took its events), requests are held, not dropped, and one probe
 * at a time goes out, every {@link probeDelay} (at most 5 s), until the collector answers; then
 * everything held is sent. A page gives such events to its outbox (`onUndelivered`) instead, so
 * the browser's client is built without it.
 */
export class CollectorOutage {
  readonly #retry: RetryPolicy;
  readonly #log: SafeLogger;
  readonly #timer: Deadline;
  #down = false;
  #probes = 0;
  #probeDue = false;
  #probing = false;

  /** `probe` sends a probe if {@link probeAllowed} (the sink's pump). */
  constructor(
    retry: RetryPolicy,
    timers: Timers,
    log: SafeLogger,
    probe: () => void,
    onError: (error: unknown) => void,
  ) {
    this.#retry = retry;
    this.#log = log;
    this.#timer = new Deadline(
      timers,
      () => {
        this.#probeDue = true;
        probe();
      },
      onError,
    );
  }

  /** Whether the collector counts as down: new and failed requests are held. */
  get down(): boolean {
    return this.#down;
  }

  /** Whether a probe is due and none is in flight. */
  get probeAllowed(): boolean {
    return this.#probeDue && !this.#probing;
  }

  /** A probe went out. */
  probeSent(): void {
    this.#probeDue = false;
    this.#probing = true;
  }

  /** The probe in flight has its answer. */
  probeAnswered(): void {
    this.#probing = false;
  }

  /**
   * A request failed past its retries (`what`: the last failure), or a probe failed: the
   * collector is down; the next probe follows with backoff (short once `closing`).
   */
  failed(what: string, wasProbe: boolean, maxQueueSize: number, closing: boolean): void {
    if (!this.#down) {
      this.#down = true;
      this.#probes = 0;
      this.#log.error(
        `event delivery: the collector keeps failing (${what}); holding events (up to maxQueueSize ${maxQueueSize}) and probing until it answers`,
      );
    } else if (!wasProbe) return;
    else this.#probes++;
    this.#timer.arm(this.probeDelay(this.#probes, closing));
  }

  /**
   * Wait before the next probe, after `probes` failed ones: the retry backoff again, capped at
   * {@link MAX_PROBE_DELAY} so delivery resumes within seconds of the collector's return (one
   * small request per probe costs the collector little).
   */
  probeDelay(probes: number, closing: boolean): number {
    return Math.min(this.#retry.retryDelay(probes, closing), MAX_PROBE_DELAY);
  }

  /** The collector answered: `held` requests go out again. */
  answered(held: number): void {
    if (!this.#down) return;
    this.#log.info(`event delivery: the collector answers again; sending ${held} held requests`);
    this.stop();
  }

  /** Stops holding (closing: one last try for everything held). */
  stop(): void {
    this.#down = false;
    this.#probeDue = false;
    this.#timer.cancel();
  }

  /** Runs a probe whose timer was lost (see `Deadline.check`). */
  check(now: number): void {
    this.#timer.check(now);
  }

  /** Cancels the probe timer (close() gave up). */
  cancel(): void {
    this.#timer.cancel();
  }
}
