import type { TrackingEvent } from "@pagesense/core";
import { readJson, writeJson } from "../storage/webStorage";

/**
 * Events that could not be delivered, kept in `localStorage` (at most `limit`) to be sent again
 * from the next page load. What cannot be kept (no storage, storage full, over the limit) is
 * refused, and the delivery queue then drops it and counts it.
 */
export interface EventOutbox {
  /** Events kept by this page. */
  readonly stored: number;
  /** Events taken back from storage by this page. */
  readonly restored: number;
  /** Adds events; false when they could not be kept. */
  keep(events: readonly TrackingEvent[]): boolean;
  /** Takes every stored event out of storage (well-formed ones only). */
  take(): TrackingEvent[];
}

/** An {@link EventOutbox} under `key` of `storage` (none: nothing can be kept). */
export function createOutbox(
  storage: Storage | undefined,
  key: string,
  limit: number,
): EventOutbox {
  const read = (): TrackingEvent[] => {
    const value = storage && readJson(storage, key);
    return Array.isArray(value)
      ? value.filter(
          (e) =>
            (e?.kind === "visit" || e?.kind === "goal") &&
            typeof e.userId === "string" &&
            typeof e.record === "object",
        )
      : [];
  };
  const box = {
    stored: 0,
    restored: 0,
    keep(events: readonly TrackingEvent[]) {
      const all = [...read(), ...events];
      const kept = all.length <= limit && !!storage && writeJson(storage, key, all);
      if (kept) box.stored += events.length;
      return kept;
    },
    take() {
      const events = read();
      if (events.length > 0) writeJson(storage!, key, undefined);
      box.restored += events.length;
      return events;
    },
  };
  return box;
}
