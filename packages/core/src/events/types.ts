import type { GoalRecord, VisitRecord } from "@pagesense/protocol";

/**
 * The wire records and bodies (`fvrd`/`fgrd` records, visit and goal payloads) are declared once,
 * in `@pagesense/protocol`, which the local server and the tests' fake server validate against.
 */
export type {
  GoalPayload,
  GoalRecord,
  VisitPayload,
  VisitRecord,
  WireAttribute,
} from "@pagesense/protocol";

/** A tracking event handed to an {@link EventSink}: one record for one user. */
export type TrackingEvent =
  | { kind: "visit"; userId: string; record: VisitRecord }
  | { kind: "goal"; userId: string; record: GoalRecord };

/**
 * Where the client hands visit and goal events. The default delivers them over HTTP in batches;
 * tests and benchmarks may keep them in memory.
 */
export interface EventSink {
  /** Accepts one event; must not throw and must not block on I/O. */
  enqueue(event: TrackingEvent): void;
  /** Resolves when everything enqueued so far was delivered (or counted as dropped). */
  flush(): Promise<void>;
  /** Flushes, then stops: later events are dropped and counted. */
  close(): Promise<void>;
  /** Events held (queued, in flight, waiting for a retry); read by `getStats().eventsPending`. */
  readonly pending: number;
  /** Sends everything at once without waiting (page hidden, process exit); optional. */
  flushFinal?(): void;
}
