import type { GoalPayload, TrackingEvent, VisitPayload } from "./types";

/** Events of one kind for one user: what one request carries. */
export interface EventGroup {
  kind: "visit" | "goal";
  userId: string;
  events: TrackingEvent[];
}

/** Groups events by (kind, user), groups and records in the order first seen. */
export function groupEvents(events: readonly TrackingEvent[]): EventGroup[] {
  const groups = new Map<string, EventGroup>();
  for (const e of events) {
    const key = `${e.kind} ${e.userId}`;
    const group = groups.get(key);
    if (group) group.events.push(e);
    else groups.set(key, { kind: e.kind, userId: e.userId, events: [e] });
  }
  return [...groups.values()];
}

/** The request body of a group: `furd` and its `fvrd` (visits) or `fgrd` (goals) records. */
export function payloadOf(group: EventGroup): VisitPayload | GoalPayload {
  const records = group.events.map((e) => e.record);
  const furd = { f: group.userId };
  return group.kind === "visit"
    ? { furd, fvrd: records }
    : { furd, fgrd: records as GoalPayload["fgrd"] };
}

/** Groups events into wire payloads: one request body per (kind, user), records in order. */
export function toPayloads(
  events: readonly TrackingEvent[],
): Array<
  | { kind: "visit"; userId: string; body: VisitPayload }
  | { kind: "goal"; userId: string; body: GoalPayload }
> {
  return groupEvents(events).map(
    (g) =>
      ({ kind: g.kind, userId: g.userId, body: payloadOf(g) }) as ReturnType<
        typeof toPayloads
      >[number],
  );
}
