import type { Notifier } from "../client/notifications";
import type { TimerHandle, Timers } from "../runtime/timers";
import type { Stats } from "../stats/Stats";

/**
 * Counts dropped events in `getStats()` at once and reports them at most once a second per
 * reason: one ERROR log line and one `error` notification with `dropped`, so a flood of drops
 * gives a handful of lines.
 */
export class DropReporter {
  readonly #stats: Stats;
  readonly #notifier: Notifier;
  readonly #timers: Timers;
  readonly #onError: (error: unknown) => void;
  /** Events dropped since the last report, by reason. */
  readonly #unreported = new Map<string, number>();
  #timer: TimerHandle | undefined;
  #lastReport = 0;

  constructor(stats: Stats, notifier: Notifier, timers: Timers, onError: (error: unknown) => void) {
    this.#stats = stats;
    this.#notifier = notifier;
    this.#timers = timers;
    this.#onError = onError;
  }

  /** Counts `n` events dropped for `reason`; the report follows within a second. */
  drop(n: number, reason: string): void {
    this.#stats.eventsDropped += n;
    this.#unreported.set(reason, (this.#unreported.get(reason) ?? 0) + n);
    const wait = Math.max(0, 1000 - (Date.now() - this.#lastReport));
    this.#timer ??= this.#timers.after(wait, () => this.report(), this.#onError);
  }

  /** Reports every drop not reported yet, now. */
  report(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    for (const [reason, dropped] of this.#unreported) {
      this.#lastReport = Date.now();
      const message = `${dropped} event${dropped === 1 ? "" : "s"} dropped: ${reason}`;
      this.#notifier.report("dropped", message, { dropped });
    }
    this.#unreported.clear();
  }
}
