import { type ParsedEventBody, parseEventBody } from "./parseEventBody";
import { EVENT_ENDPOINTS, type EventKind } from "./paths";
import { parseJson, type QueryParams } from "./query";

/** An event request as a server received it (the method is checked by the server's routing). */
export interface EventRequest {
  method: string;
  query: QueryParams;
  /** The request body as text ("" when none). */
  body: string;
}

/**
 * The JSON text an event request carries: the `raw` query parameter of a `GET` (PageSense's iOS
 * SDK form); the body of a `POST`, or its `raw` parameter when the body is blank. Undefined when
 * there is none.
 */
export function eventRequestText({ method, query, body }: EventRequest): string | undefined {
  const raw = query.get("raw");
  if (method === "GET") return raw ?? undefined;
  return body.trim() === "" && raw !== null ? raw : body;
}

/**
 * Checks an event request on the `kind` endpoint, in order: `type` (22 visits, 23 goals), a body
 * ({@link eventRequestText}), JSON, then {@link parseEventBody}. Returns the normalised payload or
 * the first problem, for a 400.
 */
export function parseEventRequest(kind: EventKind, request: EventRequest): ParsedEventBody {
  const { type } = EVENT_ENDPOINTS[kind];
  if (request.query.get("type") !== type) return { ok: false, error: `type must be ${type}` };
  const text = eventRequestText(request);
  if (text === undefined || text.trim() === "")
    return { ok: false, error: "the request has no body (POST JSON, or GET with raw=)" };
  const body = parseJson(text);
  if (body === undefined) return { ok: false, error: "the body is not JSON" };
  return parseEventBody(kind, body);
}
