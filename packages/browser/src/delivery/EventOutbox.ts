import type { TrackingEvent } from "@pagesense/core";
import { readJson, writeJson } from "../storage/webStorage";

/**
 * Events that could not be delivered, kept in `localStorage` (at most `limit`) to be sent again
 * from the next page load. What cannot be kept (no storage, storage full, over the limit) is
 * refused, and the delivery queue then drops it and counts it.
 */
export class EventOutbox {
  /** Events kept by this page. */
  stored = 0;
  /** Events taken back from storage by this page. */
  restored = 0;

  constructor(
    private readonly storage: Storage | undefined,
    private readonly key: string,
    private readonly limit: number,
  ) {}

  /** Adds events; false when they could not be kept. */
  keep(events: readonly TrackingEvent[]): boolean {
    const all = [...this.read(), ...events];
    const kept =
      all.length <= this.limit && !!this.storage && writeJson(this.storage, this.key, all);
    if (kept) this.stored += events.length;
    return kept;
  }

  /** Takes every stored event out of storage (well-formed ones only). */
  take(): TrackingEvent[] {
    const events = this.read();
    if (events.length > 0) writeJson(this.storage!, this.key, undefined);
    this.restored += events.length;
    return events;
  }

  private read(): TrackingEvent[] {
    const value = this.storage && readJson(this.storage, this.key);
    return Array.isArray(value)
      ? value.filter(
          (e) =>
            (e?.kind === "visit" || e?.kind === "goal") &&
            typeof e.userId === "string" &&
            typeof e.record === "object",
        )
      : [];
  }
}
