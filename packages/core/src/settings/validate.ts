import { SettingsError } from "./SettingsError";
import type {
  AudienceSettings,
  ConditionLeaf,
  ConditionNode,
  ExperimentSettings,
  GoalSettings,
  ProjectSettings,
  SettingsDocument,
  VariationSettings,
} from "./types";
import { clip } from "./warnings";

type Obj = Record<string, unknown>;
/** Reads one value found at `path` (a list item or a field), throwing a SettingsError naming it. */
type Read = (value: unknown, path: string) => unknown;

/** Whether `v` is a plain object: not null, not an array. */
export const isObject = (v: unknown): v is Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v);

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

/** Rules of a text field: `"name"` non-empty, `"text"` may be empty, `"optional text"` may be absent. */
type TextRule = "name" | "text";
/**
 * Rules of a number field (numeric strings are accepted: PageSense serialises some that way):
 * `"integer"`, `"share"` (>= 0), `"traffic"` (0..100).
 */
type NumberRule = "integer" | "share" | "traffic";
/** A list read item by item; absent counts as empty unless `required`. */
interface ListRule {
  list: Read;
  required?: boolean;
}
/**
 * The rule a field of type `V` may have: `"flag"` is a boolean (`true`/`"true"`/`1`, absent:
 * false), `"condition"` an audience condition tree or its JSON text (absent: matches everyone).
 */
type RuleFor<V> = [NonNullable<V>] extends [string]
  ? undefined extends V
    ? "optional text"
    : TextRule
  : [NonNullable<V>] extends [number]
    ? undefined extends V
      ? "optional integer"
      : NumberRule
    : [NonNullable<V>] extends [boolean]
      ? "flag"
      : [NonNullable<V>] extends [readonly unknown[]]
        ? ListRule
        : "condition";
/** A record's schema: a rule for every declared field of `T`, in reading order. */
type Schema<T> = { [K in keyof T as string extends K ? never : K]-?: RuleFor<T[K]> };
/** Any rule (what the reader dispatches on). */
type AnyRule =
  | TextRule
  | "optional text"
  | NumberRule
  | "optional integer"
  | "flag"
  | ListRule
  | "condition";

/** Reads a record by its schema (unknown fields are left out). */
const record =
  (schema: Record<string, AnyRule>): Read =>
  (v, path) => {
    const o = object(v, path);
    const out: Obj = {};
    for (const key in schema) out[key] = field(schema[key]!, o[key], `${path}.${key}`);
    return out;
  };

/** Deepest condition tree accepted (a guard against hostile documents). */
const MAX_DEPTH = 32;

/** A leaf's value: strings, and numbers or booleans as their text. */
const leafValue: Read = (x, p) =>
  typeof x === "string"
    ? x
    : typeof x === "number" || typeof x === "boolean"
      ? String(x)
      : expected("string", x, p);

const LEAF = {
  attribute_name: "name",
  operator: "integer",
  values: { list: leafValue },
  type: "optional text",
} satisfies Schema<ConditionLeaf>;
const leaf = record(LEAF);

/** A condition tree node: a group (`condition_type` set) over `conditions`, or a leaf. */
function condition(v: unknown, path: string, depth = 0): ConditionNode {
  if (depth > MAX_DEPTH) fail(path, `condition tree deeper than ${MAX_DEPTH}`);
  const o = object(v, path);
  if (o.condition_type == null) return leaf(o, path) as ConditionNode;
  return {
    condition_type: field("integer", o.condition_type, `${path}.condition_type`) as number,
    conditions: list(o.conditions, `${path}.conditions`, (x, p) =>
      condition(x, p, depth + 1),
    ) as ConditionNode[],
  };
}

const VARIATION = {
  variation_name: "name",
  variation_key: "name",
  variation_link_name: "optional text",
  is_original: "flag",
  traffic_distribution: "share",
} satisfies Schema<VariationSettings>;

const AUDIENCE_LINK = {
  audience_link_name: "name",
} satisfies Schema<ExperimentSettings["audiences"][number]>;

const GOAL_LINK = {
  goal_link_name: "name",
  is_primary_goal: "flag",
} satisfies Schema<ExperimentSettings["goals"][number]>;

const EXPERIMENT = {
  experiment_name: "name",
  experiment_key: "name",
  experiment_link_name: "optional text",
  environment_key: "text",
  environment_name: "optional text",
  language_key: "integer",
  language_name: "optional text",
  is_development_mode: "flag",
  experiment_type: "integer",
  experiment_status: "integer",
  permitted_traffic: "traffic",
  variations: { list: record(VARIATION), required: true },
  audiences: { list: record(AUDIENCE_LINK) },
  goals: { list: record(GOAL_LINK) },
} satisfies Schema<ExperimentSettings>;

const AUDIENCE = {
  audience_name: "optional text",
  audience_link_name: "name",
  audience_condition_json: "condition",
} satisfies Schema<AudienceSettings>;

const GOAL = {
  goal_name: "name",
  goal_link_name: "name",
  goal_type: "optional integer",
  goal_status: "optional integer",
} satisfies Schema<GoalSettings>;

const PROJECT = {
  portal_name: "name",
  project_key: "name",
  project_name: "name",
  project_link_name: "optional text",
  sdk_key: "optional text",
  sdk_account_id: "optional text",
  experiments: { list: record(EXPERIMENT) },
  audiences: { list: record(AUDIENCE) },
  goals: { list: record(GOAL) },
} satisfies Schema<ProjectSettings>;
const readProject = record(PROJECT);

/** Reads the value `v` of a field with rule `rule` at `path`. */
function field(rule: AnyRule, v: unknown, path: string): unknown {
  if (typeof rule === "object") return list(v, path, rule.list, rule.required);
  if (rule === "condition") {
    const tree =
      typeof v === "string"
        ? v.trim() && parseJson(v, path, "expected a JSON condition tree, got unparsable string")
        : v;
    return tree == null || tree === "" ? null : condition(tree, path);
  }
  if (rule === "flag") {
    if (v == null || v === false || v === "false" || v === 0) return false;
    return v === true || v === "true" || v === 1 ? true : expected("boolean", v, path);
  }
  if (v == null && (rule === "optional text" || rule === "optional integer")) return undefined;
  if (rule === "name" || rule === "text" || rule === "optional text") {
    if (typeof v !== "string") return expected("string", v, path);
    return rule === "name" && v === "" ? fail(path, "expected non-empty string") : v;
  }
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  const integer = rule === "integer" || rule === "optional integer";
  if (typeof n !== "number" || !Number.isFinite(n) || (integer && !Number.isInteger(n)))
    return expected(integer ? "integer" : "number", v, path);
  if (rule === "share" && n < 0) fail(path, "expected a share >= 0");
  if (rule === "traffic" && (n < 0 || n > 100)) fail(path, `expected 0..100, got ${n}`);
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
    if (typeof name === "string" && names.length < 10) names.push(clip(name));
    if (projectName === undefined ? projects.length === 1 : name === projectName)
      return readProject(p, `projectsettings[${i}]`) as ProjectSettings;
  }
  return fail(
    "projectsettings",
    projects.length === 0
      ? "expected at least one project"
      : projectName === undefined
        ? `the document holds ${projects.length} projects (${listed(names, projects.length)}): set projectName`
        : `no project named "${clip(projectName)}" (found: ${listed(names, projects.length) || "none"})`,
  );
}

/** Up to ten names, then how many more there are. */
const listed = (names: unknown[], total: number): string =>
  names.join(", ") + (total > names.length && names.length ? `, … (${total} in all)` : "");

/** Whether `value` looks like a settings envelope (used to tell documents from errors). */
export function isSettingsDocument(value: unknown): value is SettingsDocument {
  return isObject(value) && Array.isArray(value.projectsettings);
}
