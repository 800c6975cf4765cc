import type { GoalRecord, VisitRecord } from "@pagesense/core";
import { flagRecord } from "../../events/flagRecord";
import { type EventKind, parseEventBody } from "../../events/parseEventBody";
import type { FlaggedRecord } from "../../storage/EventStore";
import type { Handler, RequestContext } from "../context";
import { readBody } from "../readBody";
import { send, statusBody } from "../respond";

/** `type` of each event endpoint. */
export const EVENT_REQUEST_TYPE: Readonly<Record<EventKind, string>> = { visit: "22", goal: "23" };

/** Body of a POST, or the `raw` query parameter of a GET (the iOS SDK's form). */
async function requestText({ req, url }: RequestContext): Promise<string | null | undefined> {
  const raw = url.searchParams.get("raw");
  if (req.method === "GET") return raw ?? undefined;
  const body = await readBody(req);
  if (body === null) return null;
  return body.trim() === "" && raw !== null ? raw : body;
}

/**
 * `POST` (JSON body) or `GET` (`raw=` JSON) on `/psfullstacksdk/trackvisitor?type=22` and
 * `/psfullstacksdk/trackgoal?type=23`. Malformed requests get 400 and nothing is stored. A
 * well-formed request is stored whole in one transaction, each record flagged when it does not
 * match the current settings, and answered 200 once committed.
 */
export function eventRoute(kind: EventKind): Handler {
  return async (ctx) => {
    const { res, url, app } = ctx;
    const type = EVENT_REQUEST_TYPE[kind];
    if (url.searchParams.get("type") !== type)
      return send(res, 400, statusBody(400, `type must be ${type}`));
    const text = await requestText(ctx);
    if (text === null) return send(res, 413, statusBody(413, "request body too large"));
    if (text === undefined || text.trim() === "")
      return reject(ctx, kind, "the request has no body (POST JSON, or GET with raw=)");
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return reject(ctx, kind, "the body is not JSON");
    }
    const parsed = parseEventBody(kind, body);
    if (!parsed.ok) return reject(ctx, kind, parsed.error);

    const { version, catalog } = app.settings.current;
    const userId = parsed.payload.furd.f;
    let records: FlaggedRecord<VisitRecord | GoalRecord>[];
    if (parsed.kind === "visit") {
      const flagged = parsed.payload.fvrd.map((record) => ({
        record,
        flag: flagRecord(catalog, record),
      }));
      app.events.addVisits(userId, flagged, version);
      records = flagged;
    } else {
      const flagged = parsed.payload.fgrd.map((record) => ({
        record,
        flag: flagRecord(catalog, record),
      }));
      app.events.addGoals(userId, flagged, version);
      records = flagged;
    }
    let flaggedCount = 0;
    for (const { record, flag } of records) {
      if (flag) flaggedCount++;
      const fields: Record<string, unknown> = {
        kind,
        user: userId,
        experiment: record.b,
        variation: record.c,
      };
      if ("gln" in record) {
        fields.goal = record.gln;
        if (record.rv !== undefined) fields.revenue = record.rv;
      }
      if (flag) app.logger.warn({ ...fields, flag }, `${kind} stored, flagged ${flag}`);
      else app.logger.info(fields, `${kind} stored`);
    }
    send(res, 200, statusBody(200, "success", { stored: records.length, flagged: flaggedCount }));
  };
}

function reject(ctx: RequestContext, kind: EventKind, message: string): void {
  ctx.app.logger.warn(
    { kind, method: ctx.req.method, error: message },
    `${kind} rejected: ${message}`,
  );
  send(ctx.res, 400, statusBody(400, message));
}
