/** What the soak test's server process counted. */
export interface ServerCounts {
  /** Event requests received (accepted or not). */
  eventRequests: number;
  /** Event requests answered with anything but 200 (the payload did not validate). */
  rejectedRequests: number;
  /** Visit records accepted. */
  visits: number;
  /** Goal records accepted. */
  goals: number;
  settingsRequests: number;
  /** Distinct (user, experiment) visits. */
  visitUsers: number;
  /** Visit records for a (user, experiment) already seen (a retry delivered twice). */
  duplicateVisits: number;
}

/** Messages to the server process. */
export type ToServer =
  | { type: "start"; settings: unknown; sdkKey: string; projectName: string }
  | { type: "stop" };

/** Messages from the server process. */
export type FromServer =
  | { type: "started"; url: string }
  | { type: "stopped"; counts: ServerCounts };
