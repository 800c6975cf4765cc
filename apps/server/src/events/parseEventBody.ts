import type { GoalPayload, GoalRecord, VisitPayload, VisitRecord } from "@pagesense/core";

/** The two event endpoints. */
export type EventKind = "visit" | "goal";

/** A well-formed event request, or what is wrong with it (the field path first). */
export type ParsedEventBody =
  | { ok: true; kind: "visit"; payload: VisitPayload }
  | { ok: true; kind: "goal"; payload: GoalPayload }
  | { ok: false; error: string };

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const RECORD_STRINGS = ["a", "b", "c", "p", "ek"] as const;

/** `lk` as an integer: a number, or a string of digits (PageSense sends some numbers as strings). */
function languageKey(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string" && /^\d{1,15}$/.test(v)) return Number(v);
  return undefined;
}

function visitRecord(r: unknown, path: string): VisitRecord | string {
  if (!isObject(r)) return `${path} must be an object`;
  for (const key of RECORD_STRINGS) {
    if (typeof r[key] !== "string" || r[key] === "")
      return `${path}.${key} must be a non-empty string`;
  }
  const lk = languageKey(r.lk);
  if (lk === undefined) return `${path}.lk must be an integer`;
  const fsca = r.fsca ?? [];
  if (!Array.isArray(fsca)) return `${path}.fsca must be an array`;
  for (const [i, attr] of fsca.entries()) {
    if (!isObject(attr) || typeof attr.ln !== "string" || attr.ln === "")
      return `${path}.fsca[${i}].ln must be a non-empty string`;
    if (typeof attr.v !== "string") return `${path}.fsca[${i}].v must be a string`;
  }
  return {
    a: r.a as string,
    b: r.b as string,
    c: r.c as string,
    p: r.p as string,
    ek: r.ek as string,
    lk,
    fsca: fsca.map((attr: Obj) => ({ ln: attr.ln as string, v: attr.v as string })),
  };
}

function goalRecord(r: unknown, path: string): GoalRecord | string {
  const visit = visitRecord(r, path);
  if (typeof visit === "string") return visit;
  const o = r as Obj;
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

/**
 * Checks a visit or goal request body (already JSON-parsed) against the wire format of spec
 * section 6 and returns a normalised copy: `furd.f` a non-empty user id; a non-empty `fvrd`
 * (visits) or `fgrd` (goals) array of records with non-empty `a, b, c, p, ek`, an integer `lk`
 * and `fsca` attributes `{ln, v}` (may be absent: no attributes); goal records add `gln`, a
 * boolean `ipl` and an optional finite revenue `rv`. Unknown extra fields are ignored.
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

/** `body[key]` as a non-empty array of records checked by `parseOne`, or the first problem. */
function parseRecords<R>(
  body: Obj,
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
