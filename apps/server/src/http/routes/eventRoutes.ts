import {
  type EventKind,
  type GoalRecord,
  parseEventRequest,
  type VisitRecord,
} from "@pagesense/protocol";
import { flagRecord } from "../../events/flagRecord";
import type { FlaggedRecord } from "../../storage/EventStore";
import type { Handler, RequestContext } from "../context";
import { readBody } from "../readBody";
import { send, statusBody } from "../respond";

/**
 * `POST` (JSON body) or `GET` (`raw=` JSON) on `/psfullstacksdk/trackvisitor?type=22` and
 * `/psfullstacksdk/trackgoal?type=23`, checked by `@pagesense/protocol`'s `parseEventRequest`.
 * Malformed requests get 400 and nothing is stored. A
 * well-formed request is stored whole in one transaction, each record flagged when it does not
 * match the current settings, and answered 200 once committed.
 */
export function eventRoute(kind: EventKind): Handler {
  return async (ctx) => {
    const { req, res, url, app } = ctx;
    const body = req.method === "GET" ? "" : await readBody(req);
    if (body === null) return send(res, 413, statusBody(413, "request body too large"));
    const parsed = parseEventRequest(kind, {
      method: req.method ?? "",
      query: url.searchParams,
      body,
    });
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
