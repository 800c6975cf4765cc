import type { EventSink, TrackingEvent } from "./types";

/** Keeps events in memory (tests, benchmarks, or hosts that ship events themselves). */
export class MemoryEventSink implements EventSink {
  /** Every event enqueued, in order. */
  readonly events: TrackingEvent[] = [];
  /** Events refused after `close()`. */
  dropped = 0;
  #closed = false;

  /** Nothing waits for delivery here: the events are kept, not sent. */
  get pending(): number {
    return 0;
  }

  enqueue(event: TrackingEvent): void {
    if (this.#closed) this.dropped++;
    else this.events.push(event);
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {
    this.#closed = true;
  }
}
