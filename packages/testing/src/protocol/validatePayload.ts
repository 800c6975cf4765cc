import type { EventKind, ReceivedGoalPayload, ReceivedVisitPayload } from "./wire";

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Result of {@link validatePayload}: the typed payload, or the first problem found (with its path). */
export type PayloadCheck =
  | { ok: true; kind: "visit"; payload: ReceivedVisitPayload }
  | { ok: true; kind: "goal"; payload: ReceivedGoalPayload }
  | { ok: false; error: string };

const RECORD_STRINGS = ["a", "b", "c", "p", "ek"] as const;

function checkRecord(r: unknown, path: string, kind: EventKind): string | null {
  if (!isObject(r)) return `${path} must be an object`;
  for (const key of RECORD_STRINGS) {
    if (typeof r[key] !== "string" || r[key] === "")
      return `${path}.${key} must be a non-empty string`;
  }
  if (typeof r.lk !== "number" || !Number.isInteger(r.lk)) return `${path}.lk must be an integer`;
  if (!Array.isArray(r.fsca)) return `${path}.fsca must be an array`;
  for (const [i, attr] of r.fsca.entries()) {
    if (!isObject(attr) || typeof attr.ln !== "string" || typeof attr.v !== "string") {
      return `${path}.fsca[${i}] must be {ln: string, v: string}`;
    }
  }
  if (kind === "goal") {
    if (typeof r.gln !== "string" || r.gln === "") return `${path}.gln must be a non-empty string`;
    if (typeof r.ipl !== "boolean") return `${path}.ipl must be a boolean`;
    if (r.rv !== undefined && (typeof r.rv !== "number" || !Number.isFinite(r.rv))) {
      return `${path}.rv must be a finite number when present`;
    }
  }
  return null;
}

/**
 * Checks a visit or goal request body against the wire format of spec section 6:
 * `furd.f` a non-empty string, and a non-empty `fvrd` (visits) or `fgrd` (goals) array of records
 * with `a, b, c, p, ek` strings, an integer (number) `lk`, `fsca` of `{ln, v}`; goal records add `gln` string,
 * `ipl` boolean and an optional finite `rv`.
 */
export function validatePayload(kind: EventKind, body: unknown): PayloadCheck {
  if (!isObject(body)) return { ok: false, error: "body must be a JSON object" };
  const furd = body.furd;
  if (!isObject(furd) || typeof furd.f !== "string" || furd.f === "") {
    return { ok: false, error: "furd.f must be a non-empty string (the user id)" };
  }
  const key = kind === "visit" ? "fvrd" : "fgrd";
  const records = body[key];
  if (!Array.isArray(records) || records.length === 0) {
    return { ok: false, error: `${key} must be a non-empty array` };
  }
  for (const [i, record] of records.entries()) {
    const error = checkRecord(record, `${key}[${i}]`, kind);
    if (error) return { ok: false, error };
  }
  return kind === "visit"
    ? { ok: true, kind, payload: body as unknown as ReceivedVisitPayload }
    : { ok: true, kind, payload: body as unknown as ReceivedGoalPayload };
}
