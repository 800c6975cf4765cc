import { backoffDelay } from "../runtime/timers";

/** Longest wait between two probes of a collector that is down, ms. */
export const MAX_PROBE_DELAY = 5_000;

/**
 * When a failed event request is tried again. A request retries on its own up to `maxRetries`
 * times with exponential backoff; after that the collector counts as down: the request is held
 * (not dropped) and one probe at a time goes out, every `probeDelay()` (at most 5 s), until one succeeds.
 */
export class RetryPolicy {
  readonly #maxRetries: number;
  readonly #baseDelay: number;
  readonly #maxDelay: number;

  constructor(maxRetries: number, baseDelay: number, maxDelay: number) {
    this.#maxRetries = maxRetries;
    this.#baseDelay = baseDelay;
    this.#maxDelay = maxDelay;
  }

  /** Whether a request that failed on its `attempt`-th try (0-based) retries on its own. */
  retriesOnItsOwn(attempt: number): boolean {
    return attempt < this.#maxRetries;
  }

  /** Wait before retry `attempt + 1`; short once the client is closing. */
  retryDelay(attempt: number, closing: boolean): number {
    if (closing) return Math.min(this.#baseDelay, 250);
    return backoffDelay(attempt, this.#baseDelay, this.#maxDelay);
  }

  /**
   * Wait before the next probe of a collector that is down, after `probes` failed ones: the
   * retry backoff again, capped at {@link MAX_PROBE_DELAY} so delivery resumes within seconds of
   * the collector's return (one small request per probe costs the collector little).
   */
  probeDelay(probes: number, closing: boolean): number {
    return Math.min(this.retryDelay(probes, closing), MAX_PROBE_DELAY);
  }
}
