import type { IncomingHttpHeaders } from "node:http";
import type {
  EventKind,
  GoalPayload,
  GoalRecord,
  VisitPayload,
  VisitRecord,
} from "@pagesense/protocol";

/** The `fpqd` object of a settings request's `raw` query parameter. */
export interface ReceivedSettingsQuery {
  /** portal name */
  a?: unknown;
  /** account id */
  ai?: unknown;
  /** sdk key */
  sk?: unknown;
  /** project name */
  pn?: unknown;
}

/** One settings request as received, with the answer given. */
export interface SettingsRequestRecord {
  /** The `raw` parameter parsed as JSON (undefined when absent or not JSON). */
  raw: unknown;
  /** `raw.fpqd`, when it is an object. */
  fpqd: ReceivedSettingsQuery | undefined;
  /** The `X-SDK-Project-Version` request header. */
  projectVersion: string | undefined;
  headers: IncomingHttpHeaders;
  /** The HTTP status answered, or null while the request hangs (injected failure). */
  status: number | null;
  /** When it arrived (ms since the epoch). */
  at: number;
}

/** One request to an event endpoint (accepted or not), with the answer given. */
export interface EventRequestRecord {
  kind: EventKind;
  method: string;
  headers: IncomingHttpHeaders;
  /** The JSON body (POST) or `raw` parameter (GET), parsed; undefined when not JSON. */
  body: unknown;
  /** The HTTP status answered, or null while the request hangs (injected failure). */
  status: number | null;
  /** Why the payload was rejected (400), when it was. */
  error?: string;
  at: number;
}

/** An accepted event request body, normalised by `@pagesense/protocol`'s `parseEventRequest`. */
export type AcceptedPayload =
  | { kind: "visit"; method: string; userId: string; body: VisitPayload }
  | { kind: "goal"; method: string; userId: string; body: GoalPayload };

/** A visit record received, with the user id of its request (`furd.f`). */
export interface ReceivedVisit extends VisitRecord {
  userId: string;
}

/** A goal record received, with the user id of its request (`furd.f`). */
export interface ReceivedGoal extends GoalRecord {
  userId: string;
}
