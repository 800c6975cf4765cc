import { SettingsError } from "../shared/errors";
import { isObject } from "../shared/isObject";
import type { ConditionNode, ProjectSettings, SettingsDocument } from "./types";

type Obj = Record<string, unknown>;
/** Reads one value found at `path` (a list item or a field), throwing a SettingsError naming it. */
type Read = (value: unknown, path: string) => unknown;

const kind = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

const fail = (path: string, problem: string): never => {
  throw new SettingsError(path, problem);
};

const expected = (what: string, v: unknown, path: string): never =>
  fail(path, `expected ${what}, got ${kind(v)}`);

function object(v: unknown, path: string): Obj {
  return isObject(v) ? v : expected("object", v, path);
}

/** `v` as a list read item by item (`path[i]`); `undefined` counts as empty unless `required`. */
function list(v: unknown, path: string, item: Read, required?: boolean): unknown[] {
  if (v == null && !required) return [];
  if (!Array.isArray(v)) expected("array", v, path);
  return (v as unknown[]).map((x, i) => item(x, `${path}[${i}]`));
}

/** Parses JSON text; `what` names the failure (the document, or a condition tree). */
export function parseJson(text: string, path: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail(path, what);
  }
}

/**
 * The schema: each record is a list of fields, each a type letter followed by the field name.
 * Scalars: `s` non-empty string, `e` string (may be empty), `o` optional string, `n` number,
 * `i` integer, `j` optional integer, `b` boolean (default false), `p` share >= 0, `t` traffic
 * 0..100. Numbers may come as numeric strings and booleans as "true"/"false"/1/0 (PageSense
 * serialises some that way). Lists and the condition tree: the readers in {@link NESTED}.
 */
const VARIATION =
  "svariation_name svariation_key ovariation_link_name bis_original ptraffic_distribution";
const EXPERIMENT =
  "sexperiment_name sexperiment_key oexperiment_link_name eenvironment_key oenvironment_name ilanguage_key olanguage_name bis_development_mode iexperiment_type iexperiment_status tpermitted_traffic Vvariations Laudiences Ggoals";
const PROJECT =
  "sportal_name sproject_key sproject_name oproject_link_name osdk_key osdk_account_id Eexperiments Aaudiences Pgoals";

const record =
  (fields: string): Read =>
  (v, path) => {
    const o = object(v, path);
    const out: Obj = {};
    for (const f of fields.split(" ")) {
      const key = f.slice(1);
      out[key] = field(f[0]!, o[key], `${path}.${key}`);
    }
    return out;
  };

/** Deepest condition tree accepted (a guard against hostile documents). */
const MAX_DEPTH = 32;

const leaf = record("sattribute_name ioperator Xvalues otype");

/** A condition tree node: a group (`condition_type` set) over `conditions`, or a leaf. */
function condition(v: unknown, path: string, depth = 0): ConditionNode {
  if (depth > MAX_DEPTH) fail(path, `condition tree deeper than ${MAX_DEPTH}`);
  const o = object(v, path);
  if (o.condition_type == null) return leaf(o, path) as ConditionNode;
  return {
    condition_type: field("i", o.condition_type, `${path}.condition_type`) as number,
    conditions: list(o.conditions, `${path}.conditions`, (x, p) =>
      condition(x, p, depth + 1),
    ) as ConditionNode[],
  };
}

/** Readers of the nested type letters; uppercase = a list of records. */
const NESTED: Record<string, [Read, required?: boolean]> = {
  V: [record(VARIATION), true],
  L: [record("saudience_link_name")],
  G: [record("sgoal_link_name bis_primary_goal")],
  E: [record(EXPERIMENT)],
  A: [record("oaudience_name saudience_link_name caudience_condition_json")],
  P: [record("sgoal_name sgoal_link_name jgoal_type jgoal_status")],
  X: [
    (x, p) =>
      typeof x === "string"
        ? x
        : typeof x === "number" || typeof x === "boolean"
          ? String(x)
          : expected("string", x, p),
  ],
};

/** Reads the value `v` of a field of type letter `type` at `path` (see {@link VARIATION}). */
function field(type: string, v: unknown, path: string): unknown {
  const nested = NESTED[type];
  if (nested) return list(v, path, nested[0], nested[1]);
  if (type === "c") {
    // audience_condition_json: a tree, its JSON text, or nothing (matches everyone).
    const tree =
      typeof v === "string"
        ? v.trim() && parseJson(v, path, "expected a JSON condition tree, got unparsable string")
        : v;
    return tree == null || tree === "" ? null : condition(tree, path);
  }
  if (v == null && (type === "o" || type === "j" || type === "b"))
    return type === "b" ? false : undefined;
  if (type === "b") {
    if (v === true || v === "true" || v === 1) return true;
    return v === false || v === "false" || v === 0 ? false : expected("boolean", v, path);
  }
  if (type === "s" || type === "e" || type === "o") {
    if (typeof v !== "string") return expected("string", v, path);
    return type === "s" && v === "" ? fail(path, "expected non-empty string") : v;
  }
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  const integer = type === "i" || type === "j";
  if (typeof n !== "number" || !Number.isFinite(n) || (integer && !Number.isInteger(n)))
    return expected(integer ? "integer" : "number", v, path);
  if (type === "p" && n < 0) fail(path, "expected a share >= 0");
  if (type === "t" && (n < 0 || n > 100)) fail(path, `expected 0..100, got ${n}`);
  return n;
}

/**
 * Parses and validates a settings document (an object or its JSON text) and returns the project
 * named `projectName` (or the only project when no name is given), normalised: numeric strings
 * become numbers and `audience_condition_json` strings become trees.
 * @throws SettingsError naming the invalid field path.
 */
export function validateSettings(input: unknown, projectName?: string): ProjectSettings {
  const doc =
    typeof input === "string" ? parseJson(input, "", "settings are not valid JSON") : input;
  const projects = object(doc, "settings").projectsettings;
  if (!Array.isArray(projects)) return expected("array", projects, "projectsettings");
  const names: unknown[] = [];
  for (let i = 0; i < projects.length; i++) {
    const p = projects[i];
    const name = isObject(p) ? p.project_name : undefined;
    if (typeof name === "string") names.push(name);
    if (projectName === undefined ? projects.length === 1 : name === projectName)
      return record(PROJECT)(p, `projectsettings[${i}]`) as ProjectSettings;
  }
  return fail(
    "projectsettings",
    projects.length === 0
      ? "expected at least one project"
      : projectName === undefined
        ? `the document holds ${projects.length} projects (${names.join(", ")}): set projectName`
        : `no project named "${projectName}" (found: ${names.join(", ") || "none"})`,
  );
}

/** Whether `value` looks like a settings envelope (used to tell documents from errors). */
export function isSettingsDocument(value: unknown): value is SettingsDocument {
  return isObject(value) && Array.isArray(value.projectsettings);
}
