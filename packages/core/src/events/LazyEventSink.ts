import type { EventSink, TrackingEvent } from "./types";

/**
 * The default event sink, built at the first event: a client that never queues an event (a
 * per-request client that only decides) costs no queue, timers or closures.
 */
export class LazyEventSink implements EventSink {
  readonly #make: () => EventSink;
  #sink: EventSink | undefined;
  #closed = false;

  constructor(make: () => EventSink) {
    this.#make = make;
  }

  /** Events waiting in the queue or in flight. */
  get pending(): number {
    const pending = (this.#sink as { pending?: unknown } | undefined)?.pending;
    return typeof pending === "number" ? pending : 0;
  }

  enqueue(event: TrackingEvent): void {
    if (!this.#sink) {
      this.#sink = this.#make();
      // Closed before its first event: the real sink is closed too, so it drops and counts it.
      if (this.#closed) void this.#sink.close();
    }
    this.#sink.enqueue(event);
  }

  flush(): Promise<void> {
    return this.#sink ? this.#sink.flush() : Promise.resolve();
  }

  close(): Promise<void> {
    this.#closed = true;
    return this.#sink ? this.#sink.close() : Promise.resolve();
  }

  /** Sends everything at once (page hidden or unloading); nothing to do before the first event. */
  flushFinal(): void {
    (this.#sink as { flushFinal?: () => void } | undefined)?.flushFinal?.();
  }
}
