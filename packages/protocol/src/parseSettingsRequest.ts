import { isObject } from "./isObject";
import { SETTINGS_ENDPOINT } from "./paths";
import { parseJson, type QueryParams } from "./query";
import type { SettingsQuery } from "./types";

/** A well-formed settings request's `fpqd`, or what is wrong with the request. */
export type ParsedSettingsRequest =
  | { ok: true; query: SettingsQuery }
  | { ok: false; error: string };

/**
 * Checks the query of a settings request, in order: `type=24`; `raw` present and JSON; `raw.fpqd`
 * an object with non-empty `pn` (project name) and `sk` (SDK key) strings. `a` (portal) and `ai`
 * (account id) are kept when they are strings; other fields are dropped.
 */
export function parseSettingsRequest(query: QueryParams): ParsedSettingsRequest {
  if (query.get("type") !== SETTINGS_ENDPOINT.type)
    return { ok: false, error: `type must be ${SETTINGS_ENDPOINT.type}` };
  const raw = query.get("raw");
  if (raw === null || raw === "") return { ok: false, error: "raw is required" };
  const value = parseJson(raw);
  if (value === undefined) return { ok: false, error: "raw is not JSON" };
  const fpqd = isObject(value) ? value.fpqd : undefined;
  if (!isObject(fpqd)) return { ok: false, error: "raw.fpqd must be an object" };
  if (typeof fpqd.pn !== "string" || fpqd.pn === "")
    return { ok: false, error: "raw.fpqd.pn (project name) is required" };
  if (typeof fpqd.sk !== "string" || fpqd.sk === "")
    return { ok: false, error: "raw.fpqd.sk (SDK key) is required" };
  const parsed: SettingsQuery = { sk: fpqd.sk, pn: fpqd.pn };
  if (typeof fpqd.a === "string") parsed.a = fpqd.a;
  if (typeof fpqd.ai === "string") parsed.ai = fpqd.ai;
  return { ok: true, query: parsed };
}
