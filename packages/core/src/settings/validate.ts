import { SettingsError } from "./SettingsError";
import type {
  AudienceSettings,
  ConditionNode,
  ExperimentSettings,
  GoalSettings,
  ProjectSettings,
  SettingsDocument,
  VariationSettings,
} from "./types";

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function object(v: unknown, path: string): Obj {
  if (!isObject(v)) throw new SettingsError(path, `expected object, got ${kind(v)}`);
  return v;
}

function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new SettingsError(path, `expected array, got ${kind(v)}`);
  return v;
}

function string(o: Obj, key: string, path: string, nonEmpty = true): string {
  const v = o[key];
  if (typeof v !== "string")
    throw new SettingsError(`${path}.${key}`, `expected string, got ${kind(v)}`);
  if (nonEmpty && v.length === 0)
    throw new SettingsError(`${path}.${key}`, "expected non-empty string");
  return v;
}

function optionalString(o: Obj, key: string, path: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string")
    throw new SettingsError(`${path}.${key}`, `expected string, got ${kind(v)}`);
  return v;
}

/** A number, also accepted as a numeric string (PageSense serialises some numbers as strings). */
function number(o: Obj, key: string, path: string, integer: boolean): number {
  const raw = o[key];
  const v = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
  if (typeof v !== "number" || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new SettingsError(
      `${path}.${key}`,
      `expected ${integer ? "integer" : "number"}, got ${kind(raw)}`,
    );
  }
  return v;
}

function boolean(o: Obj, key: string, path: string, fallback: boolean): boolean {
  const v = o[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v === "boolean") return v;
  if (v === "true" || v === 1) return true;
  if (v === "false" || v === 0) return false;
  throw new SettingsError(`${path}.${key}`, `expected boolean, got ${kind(v)}`);
}

function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function variation(v: unknown, path: string): VariationSettings {
  const o = object(v, path);
  const share = number(o, "traffic_distribution", path, false);
  if (share < 0) throw new SettingsError(`${path}.traffic_distribution`, "expected a share >= 0");
  return {
    variation_name: string(o, "variation_name", path),
    variation_key: string(o, "variation_key", path),
    variation_link_name: optionalString(o, "variation_link_name", path),
    is_original: boolean(o, "is_original", path, false),
    traffic_distribution: share,
  };
}

function experiment(v: unknown, path: string): ExperimentSettings {
  const o = object(v, path);
  const permitted = number(o, "permitted_traffic", path, false);
  if (permitted < 0 || permitted > 100) {
    throw new SettingsError(`${path}.permitted_traffic`, `expected 0..100, got ${permitted}`);
  }
  return {
    experiment_name: string(o, "experiment_name", path),
    experiment_key: string(o, "experiment_key", path),
    experiment_link_name: optionalString(o, "experiment_link_name", path),
    environment_key: string(o, "environment_key", path, false),
    environment_name: optionalString(o, "environment_name", path),
    language_key: number(o, "language_key", path, true),
    language_name: optionalString(o, "language_name", path),
    is_development_mode: boolean(o, "is_development_mode", path, false),
    experiment_type: number(o, "experiment_type", path, true),
    experiment_status: number(o, "experiment_status", path, true),
    permitted_traffic: permitted,
    variations: array(o.variations, `${path}.variations`).map((x, i) =>
      variation(x, `${path}.variations[${i}]`),
    ),
    audiences: array(o.audiences ?? [], `${path}.audiences`).map((x, i) => {
      const p = `${path}.audiences[${i}]`;
      return { audience_link_name: string(object(x, p), "audience_link_name", p) };
    }),
    goals: array(o.goals ?? [], `${path}.goals`).map((x, i) => {
      const p = `${path}.goals[${i}]`;
      const g = object(x, p);
      return {
        goal_link_name: string(g, "goal_link_name", p),
        is_primary_goal: boolean(g, "is_primary_goal", p, false),
      };
    }),
  };
}

const MAX_DEPTH = 32;

function condition(v: unknown, path: string, depth: number): ConditionNode {
  if (depth > MAX_DEPTH) throw new SettingsError(path, `condition tree deeper than ${MAX_DEPTH}`);
  const o = object(v, path);
  if (o.condition_type !== undefined && o.condition_type !== null) {
    return {
      condition_type: number(o, "condition_type", path, true),
      conditions: array(o.conditions ?? [], `${path}.conditions`).map((x, i) =>
        condition(x, `${path}.conditions[${i}]`, depth + 1),
      ),
    };
  }
  const values = array(o.values ?? [], `${path}.values`).map((x, i) => {
    if (typeof x === "string") return x;
    if (typeof x === "number" || typeof x === "boolean") return String(x);
    throw new SettingsError(`${path}.values[${i}]`, `expected string, got ${kind(x)}`);
  });
  return {
    attribute_name: string(o, "attribute_name", path),
    operator: number(o, "operator", path, true),
    values,
    type: optionalString(o, "type", path),
  };
}

function audience(v: unknown, path: string): AudienceSettings {
  const o = object(v, path);
  let tree: unknown = o.audience_condition_json;
  const treePath = `${path}.audience_condition_json`;
  if (typeof tree === "string") {
    if (tree.trim() === "") tree = null;
    else {
      try {
        tree = JSON.parse(tree);
      } catch {
        throw new SettingsError(treePath, "expected a JSON condition tree, got unparsable string");
      }
    }
  }
  return {
    audience_name: optionalString(o, "audience_name", path),
    audience_link_name: string(o, "audience_link_name", path),
    audience_condition_json:
      tree === undefined || tree === null ? null : condition(tree, treePath, 0),
  };
}

function goal(v: unknown, path: string): GoalSettings {
  const o = object(v, path);
  return {
    goal_name: string(o, "goal_name", path),
    goal_link_name: string(o, "goal_link_name", path),
    goal_type: o.goal_type == null ? undefined : number(o, "goal_type", path, true),
    goal_status: o.goal_status == null ? undefined : number(o, "goal_status", path, true),
  };
}

function project(v: unknown, path: string): ProjectSettings {
  const o = object(v, path);
  return {
    portal_name: string(o, "portal_name", path),
    project_key: string(o, "project_key", path),
    project_name: string(o, "project_name", path),
    project_link_name: optionalString(o, "project_link_name", path),
    sdk_key: optionalString(o, "sdk_key", path),
    sdk_account_id: optionalString(o, "sdk_account_id", path),
    experiments: array(o.experiments ?? [], `${path}.experiments`).map((x, i) =>
      experiment(x, `${path}.experiments[${i}]`),
    ),
    audiences: array(o.audiences ?? [], `${path}.audiences`).map((x, i) =>
      audience(x, `${path}.audiences[${i}]`),
    ),
    goals: array(o.goals ?? [], `${path}.goals`).map((x, i) => goal(x, `${path}.goals[${i}]`)),
  };
}

/**
 * Parses and validates a settings document (an object or its JSON text) and returns the project
 * named `projectName` (or the only project when no name is given), normalised: numeric strings
 * become numbers and `audience_condition_json` strings become trees.
 * @throws SettingsError naming the invalid field path.
 */
export function validateSettings(input: unknown, projectName?: string): ProjectSettings {
  let doc: unknown = input;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      throw new SettingsError("", "settings are not valid JSON");
    }
  }
  const root = object(doc, "settings");
  const projects = array(root.projectsettings, "projectsettings");
  const names: string[] = [];
  for (let i = 0; i < projects.length; i++) {
    const p = projects[i];
    const name = isObject(p) ? p.project_name : undefined;
    if (typeof name === "string") names.push(name);
    if (projectName === undefined ? projects.length === 1 : name === projectName) {
      return project(p, `projectsettings[${i}]`);
    }
  }
  if (projects.length === 0)
    throw new SettingsError("projectsettings", "expected at least one project");
  throw new SettingsError(
    "projectsettings",
    projectName === undefined
      ? `the document holds ${projects.length} projects (${names.join(", ")}): set projectName`
      : `no project named "${projectName}" (found: ${names.join(", ") || "none"})`,
  );
}

/** Whether `value` looks like a settings envelope (used to tell documents from errors). */
export function isSettingsDocument(value: unknown): value is SettingsDocument {
  return isObject(value) && Array.isArray(value.projectsettings);
}
