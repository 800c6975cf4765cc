/** How the delivery bench's collector answers event requests. */
export type CollectorMode = "ok" | "503" | "refuse";

/** Messages to the collector process. */
export type ToCollector =
  | { type: "start"; delayMs: number }
  | { type: "mode"; mode: CollectorMode }
  | { type: "delay"; delayMs: number }
  | { type: "counts"; reset?: boolean }
  | { type: "stop" };

/** What the collector counted since the last reset. */
export interface CollectorCounts {
  /** Event requests received (whatever the answer). */
  requests: number;
  /** Visit and goal records accepted (answered 200). */
  events: number;
  /** Distinct users whose events were accepted. */
  users: number;
  /** Records for a user already accepted before (a retry delivered twice). */
  duplicates: number;
  /** Time from activation (encoded in the user id) to the 200 answer, ms: 50th/99th percentile. */
  latencyP50: number;
  latencyP99: number;
}

/** Messages from the collector process. */
export type FromCollector =
  | { type: "started"; url: string }
  | { type: "ok" }
  | { type: "counts"; counts: CollectorCounts };

/** A user id carrying its activation time (ms since epoch), for the latency measurement. */
export const benchUserId = (n: number, at: number): string => `u${n.toString(36)}-${at}`;
