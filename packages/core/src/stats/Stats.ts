/** Counters an operator reads to see that decisions and tracking work (`client.getStats()`). */
export interface ClientStats {
  /** Decisions evaluated (activate, getVariationName, decide, trackGoal). */
  decisions: number;
  /** Events accepted into the delivery queue. */
  eventsQueued: number;
  /** Events delivered (the server answered 2xx). */
  eventsSent: number;
  /** Events dropped (queue full, retries exhausted, rejected by the server, closed). */
  eventsDropped: number;
  /**
   * Events whose request was still in flight when `close()` timed out: they may or may not have
   * arrived, so they are counted neither as sent nor as dropped.
   */
  eventsInDoubt: number;
  /** Delivery attempts retried. */
  eventsRetried: number;
  /** Event requests sent, including retries. */
  requestsSent: number;
  /** Events waiting in the queue or in flight. */
  eventsPending: number;
  /** Settings fetches that loaded a new document. */
  settingsRefreshes: number;
  /** Settings fetches made (including unchanged and failed ones). */
  settingsFetches: number;
  /** The project version of the settings in force. */
  settingsVersion: string | undefined;
  /** The last error, with its time (ms since epoch). */
  lastError: { message: string; at: number } | undefined;
}

/** The counters the client's parts share and increment (`getStats()` adds the pending events and version). */
export type Stats = Omit<ClientStats, "eventsPending" | "settingsVersion">;

/** New counters, all zero. */
export function newStats(): Stats {
  return {
    decisions: 0,
    eventsQueued: 0,
    eventsSent: 0,
    eventsDropped: 0,
    eventsInDoubt: 0,
    eventsRetried: 0,
    requestsSent: 0,
    settingsRefreshes: 0,
    settingsFetches: 0,
    lastError: undefined,
  };
}

/** Records `message` as the last error. */
export function recordError(stats: Stats, message: string): void {
  stats.lastError = { message, at: Date.now() };
}
