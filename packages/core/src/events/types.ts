/** One user attribute on the wire (`fsca` entries). */
export interface WireAttribute {
  ln: string;
  v: string;
}

/** A visit record (`fvrd` entry): which variation of which experiment the user saw. */
export interface VisitRecord {
  /** portal name */
  a: string;
  /** experiment_key */
  b: string;
  /** variation_key */
  c: string;
  /** project_key */
  p: string;
  /** environment_key */
  ek: string;
  /** language_key */
  lk: number;
  /** user attributes, for report segments */
  fsca: WireAttribute[];
}

/** A goal record (`fgrd` entry): a visit record plus the goal and optional revenue. */
export interface GoalRecord extends VisitRecord {
  /** goal_link_name */
  gln: string;
  /** is_primary_goal */
  ipl: boolean;
  /** revenue, when given */
  rv?: number;
}

/** Body of `POST /psfullstacksdk/trackvisitor?type=22`. */
export interface VisitPayload {
  furd: { f: string };
  fvrd: VisitRecord[];
}

/** Body of `POST /psfullstacksdk/trackgoal?type=23`. */
export interface GoalPayload {
  furd: { f: string };
  fgrd: GoalRecord[];
}

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
  readonly pending?: number;
  /** Sends everything at once without waiting (page hidden, process exit); optional. */
  flushFinal?(): void;
}
