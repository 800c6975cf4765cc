import { compileCondition, type Matcher } from "../audience/compile";
import { utf8 } from "../bucketing/hash";
import { trafficWidth, variationRangeEnds } from "../bucketing/ranges";
import {
  ALL_VISITORS,
  EXPERIMENT_STATUS_RUNNING,
  EXPERIMENT_TYPE_FULLSTACK_AB,
  type ExperimentSettings,
  type GoalSettings,
  type ProjectSettings,
  type VariationSettings,
} from "./types";
import { clip, SettingsWarnings } from "./warnings";

/** An experiment prepared for fast decisions. */
export interface IndexedExperiment {
  readonly settings: ExperimentSettings;
  /** The project it belongs to (its portal and key go into the experiment's events). */
  readonly project: ProjectSettings;
  readonly name: string;
  readonly key: string;
  readonly running: boolean;
  readonly fullStack: boolean;
  /** UTF-8 of `experiment_key + "_"`, the hash input's prefix. */
  readonly hashPrefix: Uint8Array;
  /** Buckets below this are in traffic (`permitted_traffic * 100`). */
  readonly trafficLimit: number;
  /** Exclusive upper bucket of each variation. */
  readonly rangeEnds: Int32Array;
  readonly variations: readonly VariationSettings[];
  readonly variationIndexByKey: ReadonlyMap<string, number>;
  /** True when an `all` link (or no link at all) makes everyone eligible. */
  readonly allVisitors: boolean;
  /** Compiled matchers of the linked audiences (OR-ed). */
  readonly audiences: readonly Matcher[];
  /** goal_link_name → is_primary_goal for linked goals. */
  readonly goalLinks: ReadonlyMap<string, boolean>;
}

/** Validated settings indexed once, so a decision is map lookups, one hash and a short scan. */
export interface ProjectIndex {
  readonly project: ProjectSettings;
  readonly experiments: ReadonlyMap<string, IndexedExperiment>;
  readonly goals: ReadonlyMap<string, GoalSettings>;
  /** Problems found while indexing (unknown operators, dangling links); logged as warnings. */
  readonly warnings: readonly string[];
}

/** Builds the decision index of a validated project. */
export function indexProject(project: ProjectSettings): ProjectIndex {
  const warnings = new SettingsWarnings();
  /** `items` by their `key` field; a repeated name is warned about and the first one kept. */
  const byName = <T, V>(
    kind: string,
    items: T[],
    key: keyof T,
    value: (item: T, i: number) => V,
  ) => {
    const map = new Map<string, V>();
    items.forEach((item, i) => {
      const name = item[key] as string;
      if (map.has(name)) warnings.repeated(kind, name);
      else map.set(name, value(item, i));
    });
    return map;
  };
  const audiences = byName("audience", project.audiences, "audience_link_name", (a, i) =>
    compileCondition(
      a.audience_condition_json,
      (m) => warnings.add(m),
      `audiences[${i}] ("${clip(a.audience_link_name)}")`,
    ),
  );
  const goals = byName("goal", project.goals, "goal_name", (g) => g);
  const experiments = byName("experiment", project.experiments, "experiment_name", (e) =>
    indexExperiment(project, e, audiences, warnings),
  );
  return { project, experiments, goals, warnings: warnings.list() };
}

function indexExperiment(
  project: ProjectSettings,
  e: ExperimentSettings,
  audiences: ReadonlyMap<string, Matcher>,
  warnings: SettingsWarnings,
): IndexedExperiment {
  const where = `experiment "${clip(e.experiment_name)}"`;
  const matchers: Matcher[] = [];
  let allVisitors = e.audiences.length === 0;
  for (const { audience_link_name: link } of e.audiences) {
    const m = audiences.get(link);
    if (link === ALL_VISITORS) allVisitors = true;
    else if (m) matchers.push(m);
    else warnings.add(`${where} links unknown audience "${clip(link)}"; it never matches`);
  }
  const { variations, permitted_traffic: permitted } = e;
  const rangeEnds = variationRangeEnds(
    permitted,
    variations.map((v) => v.traffic_distribution),
  );
  const running = e.experiment_status === EXPERIMENT_STATUS_RUNNING;
  if (running && permitted > 0 && !rangeEnds[rangeEnds.length - 1])
    warnings.add(`${where} has no variation with a traffic share; nobody is bucketed`);
  const variationIndexByKey = new Map<string, number>();
  for (const [i, v] of variations.entries())
    if (!variationIndexByKey.has(v.variation_key)) variationIndexByKey.set(v.variation_key, i);
  return {
    settings: e,
    project,
    name: e.experiment_name,
    key: e.experiment_key,
    running,
    fullStack: e.experiment_type === EXPERIMENT_TYPE_FULLSTACK_AB,
    hashPrefix: utf8(`${e.experiment_key}_`),
    trafficLimit: trafficWidth(permitted),
    rangeEnds,
    variations,
    variationIndexByKey,
    allVisitors,
    audiences: matchers,
    goalLinks: new Map(e.goals.map((g) => [g.goal_link_name, g.is_primary_goal])),
  };
}

/**
 * Running experiments whose traffic layout (permitted traffic, variations or shares) differs
 * between two indexes: their users move between variations unless a user storage is configured.
 */
export function changedLayouts(previous: ProjectIndex, next: ProjectIndex): string[] {
  return [...next.experiments.values()]
    .filter((e) => {
      const before = previous.experiments.get(e.name);
      return before?.running && e.running && layoutOf(before) !== layoutOf(e);
    })
    .map((e) => e.name);
}

function layoutOf(e: IndexedExperiment): string {
  return `${e.key}|${e.trafficLimit}|${e.variations.map((v) => `${v.variation_key}:${v.traffic_distribution}`)}`;
}
