import { groupEvents, payloadOf } from "./payloads";
import type { TrackingEvent } from "./types";

/** How event requests are sent: `POST` with a JSON body, or `GET` with the JSON in `raw=`. */
export type EventMethod = "POST" | "GET";

/** One event request to send: the events of one kind for one user (the wire's unit). */
export interface OutgoingRequest {
  kind: "visit" | "goal";
  method: EventMethod;
  /** Full URL; for `GET` it carries the body as `&raw=`. */
  url: string;
  /** The JSON body (for `GET`, the same JSON the URL carries). */
  body: string;
  events: TrackingEvent[];
}

const PATHS = {
  visit: "/psfullstacksdk/trackvisitor?type=22",
  goal: "/psfullstacksdk/trackgoal?type=23",
} as const;

/**
 * Turns a batch of events into requests: one per (kind, user), records in the order enqueued,
 * `POST {base}/psfullstacksdk/trackvisitor?type=22` with a JSON body, or (`GET` mode, what
 * PageSense's iOS SDK sends) `GET ...?type=22&raw=<url-encoded JSON>`.
 */
export function buildRequests(
  events: readonly TrackingEvent[],
  baseUrl: string,
  method: EventMethod,
): OutgoingRequest[] {
  return groupEvents(events).map((group) => {
    const body = JSON.stringify(payloadOf(group));
    const url = baseUrl + PATHS[group.kind];
    return {
      kind: group.kind,
      method,
      url: method === "GET" ? `${url}&raw=${encodeURIComponent(body)}` : url,
      body,
      events: group.events,
    };
  });
}
