import { backoffDelay } from "../runtime/timers";

/**
 * When a failed event request is tried again. A request retries on its own up to `maxRetries`
 * times with exponential backoff; after that the collector counts as down (see
 * `CollectorOutage`).
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
}
