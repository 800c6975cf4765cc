import { isObject } from "./isObject";
import type { EventKind } from "./paths";
import type { GoalPayload, GoalRecord, VisitPayload, VisitRecord, WireAttribute } from "./types";

/** A well-formed event body, normalised, or what is wrong with it (the field path first). */
export type ParsedEventBody =
  | { ok: true; kind: "visit"; payload: VisitPayload }
  | { ok: true; kind: "goal"; payload: GoalPayload }
  | { ok: false; error: string };

const RECORD_STRINGS = ["a", "b", "c", "p", "ek"] as const;

/** `lk` as an integer: a number, or a string of digits (PageSense serialises some numbers so). */
function languageKey(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string" && /^\d{1,15}$/.test(v)) return Number(v);
  return undefined;
}

/** `fsca` as attributes (absent or null: none), or the first problem. */
function attributes(fsca: unknown, path: string): WireAttribute[] | string {
  if (fsca === undefined || fsca === null) return [];
  if (!Array.isArray(fsca)) return `${path}.fsca must be an array`;
  const out: WireAttribute[] = [];
  for (const [i, attr] of fsca.entries()) {
    if (!isObject(attr) || typeof attr.ln !== "string")
      return `${path}.fsca[${i}].ln must be a string`;
    if (typeof attr.v !== "string") return `${path}.fsca[${i}].v must be a string`;
    out.push({ ln: attr.ln, v: attr.v });
  }
  return out;
}

function visitRecord(r: unknown, path: string): VisitRecord | string {
  if (!isObject(r)) return `${path} must be an object`;
  for (const key of RECORD_STRINGS) {
    if (typeof r[key] !== "string" || r[key] === "")
      return `${path}.${key} must be a non-empty string`;
  }
  const lk = languageKey(r.lk);
  if (lk === undefined) return `${path}.lk must be an integer`;
  const fsca = attributes(r.fsca, path);
  if (typeof fsca === "string") return fsca;
  return {
    a: r.a as string,
    b: r.b as string,
    c: r.c as string,
    p: r.p as string,
    ek: r.ek as string,
    lk,
    fsca,
  };
}

function goalRecord(r: unknown, path: string): GoalRecord | string {
  const visit = visitRecord(r, path);
  if (typeof visit === "string") return visit;
  const o = r as Record<string, unknown>;
  if (typeof o.gln !== "string" || o.gln === "") return `${path}.gln must be a non-empty string`;
  if (typeof o.ipl !== "boolean") return `${path}.ipl must be a boolean`;
  const record: GoalRecord = { ...visit, gln: o.gln, ipl: o.ipl };
  if (o.rv !== undefined && o.rv !== null) {
    if (typeof o.rv !== "number" || !Number.isFinite(o.rv))
      return `${path}.rv must be a finite number when present`;
    record.rv = o.rv;
  }
  return record;
}

/** `body[key]` as a non-empty array of records checked by `parseOne`, or the first problem. */
function parseRecords<R>(
  body: Record<string, unknown>,
  key: "fvrd" | "fgrd",
  parseOne: (r: unknown, path: string) => R | string,
): R[] | string {
  const records = body[key];
  if (!Array.isArray(records) || records.length === 0) return `${key} must be a non-empty array`;
  const out: R[] = [];
  for (const [i, r] of records.entries()) {
    const parsed = parseOne(r, `${key}[${i}]`);
    if (typeof parsed === "string") return parsed;
    out.push(parsed);
  }
  return out;
}

/**
 * Checks a visit or goal body (already JSON-parsed) and returns a normalised copy, or the first
 * problem. The rule (see this package's README):
 * - `furd.f`: the user id, a non-empty string;
 * - `fvrd` (visits) or `fgrd` (goals): a non-empty array of records;
 * - each record: non-empty strings `a, b, c, p, ek`; `lk` an integer, or a string of digits
 *   (normalised to a number); `fsca` an array of `{ln: string, v: string}`, absent or null
 *   meaning no attributes (normalised to `[]`);
 * - goal records add a non-empty `gln`, a boolean `ipl` and `rv`, a finite number when present
 *   (null means none);
 * - unknown extra fields are dropped.
 */
export function parseEventBody(kind: EventKind, body: unknown): ParsedEventBody {
  if (!isObject(body)) return { ok: false, error: "the body must be a JSON object" };
  const furd = body.furd;
  if (!isObject(furd) || typeof furd.f !== "string" || furd.f === "")
    return { ok: false, error: "furd.f must be a non-empty string (the user id)" };
  const user = { f: furd.f };
  if (kind === "visit") {
    const fvrd = parseRecords(body, "fvrd", visitRecord);
    return typeof fvrd === "string"
      ? { ok: false, error: fvrd }
      : { ok: true, kind, payload: { furd: user, fvrd } };
  }
  const fgrd = parseRecords(body, "fgrd", goalRecord);
  return typeof fgrd === "string"
    ? { ok: false, error: fgrd }
    : { ok: true, kind, payload: { furd: user, fgrd } };
}
