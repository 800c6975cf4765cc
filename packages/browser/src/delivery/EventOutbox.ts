import type { TrackingEvent } from "@pagesense/core";
import { readJson, removeItem, writeJson } from "../storage/webStorage";

/**
 * Events that could not be delivered, kept in `localStorage` (at most `limit`) to be sent again
 * from the next page load. Whatever cannot be kept (no storage, storage full, over the limit) is
 * refused, and the delivery queue then counts it as dropped.
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
    if (all.length > this.limit || !writeJson(this.storage, this.key, all)) return false;
    this.stored += events.length;
    return true;
  }

  /** Takes every stored event out of storage (valid ones only). */
  take(): TrackingEvent[] {
    const events = this.read();
    if (events.length > 0) removeItem(this.storage, this.key);
    this.restored += events.length;
    return events;
  }

  private read(): TrackingEvent[] {
    const value = readJson(this.storage, this.key);
    return Array.isArray(value) ? value.filter(isTrackingEvent) : [];
  }
}

function isTrackingEvent(e: unknown): e is TrackingEvent {
  const o = e as TrackingEvent | null;
  return (
    typeof o === "object" &&
    o !== null &&
    (o.kind === "visit" || o.kind === "goal") &&
    typeof o.userId === "string" &&
    typeof o.record === "object" &&
    o.record !== null
  );
}
