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
}

/** Groups events into wire payloads: one request body per (kind, user), records in order. */
export function toPayloads(
  events: readonly TrackingEvent[],
): Array<
  | { kind: "visit"; userId: string; body: VisitPayload }
  | { kind: "goal"; userId: string; body: GoalPayload }
> {
  const visits = new Map<string, VisitPayload>();
  const goals = new Map<string, GoalPayload>();
  for (const e of events) {
    if (e.kind === "visit") {
      const p = visits.get(e.userId);
      if (p) p.fvrd.push(e.record);
      else visits.set(e.userId, { furd: { f: e.userId }, fvrd: [e.record] });
    } else {
      const p = goals.get(e.userId);
      if (p) p.fgrd.push(e.record);
      else goals.set(e.userId, { furd: { f: e.userId }, fgrd: [e.record] });
    }
  }
  const out: ReturnType<typeof toPayloads> = [];
  for (const [userId, body] of visits) out.push({ kind: "visit", userId, body });
  for (const [userId, body] of goals) out.push({ kind: "goal", userId, body });
  return out;
}
