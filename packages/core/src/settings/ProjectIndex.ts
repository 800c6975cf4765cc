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

/** An experiment prepared for fast decisions. */
export interface IndexedExperiment {
  readonly settings: ExperimentSettings;
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
  const warnings: string[] = [];
  const audiences = new Map<string, Matcher>();
  project.audiences.forEach((a, i) => {
    if (audiences.has(a.audience_link_name)) {
      warnings.push(`audience "${a.audience_link_name}" is defined twice; the first is used`);
      return;
    }
    const path = `audiences[${i}] ("${a.audience_link_name}")`;
    audiences.set(
      a.audience_link_name,
      compileCondition(a.audience_condition_json, (m) => warnings.push(m), path),
    );
  });
  const goals = new Map<string, GoalSettings>();
  for (const g of project.goals) {
    if (goals.has(g.goal_name))
      warnings.push(`goal "${g.goal_name}" is defined twice; the first is used`);
    else goals.set(g.goal_name, g);
  }
  const experiments = new Map<string, IndexedExperiment>();
  for (const e of project.experiments) {
    if (experiments.has(e.experiment_name)) {
      warnings.push(`experiment "${e.experiment_name}" is defined twice; the first is used`);
      continue;
    }
    experiments.set(e.experiment_name, indexExperiment(e, audiences, warnings));
  }
  return { project, experiments, goals, warnings };
}

function indexExperiment(
  e: ExperimentSettings,
  audiences: ReadonlyMap<string, Matcher>,
  warnings: string[],
): IndexedExperiment {
  const where = `experiment "${e.experiment_name}"`;
  const matchers: Matcher[] = [];
  let allVisitors = e.audiences.length === 0;
  for (const link of e.audiences) {
    if (link.audience_link_name === ALL_VISITORS) {
      allVisitors = true;
      continue;
    }
    const m = audiences.get(link.audience_link_name);
    if (m) matchers.push(m);
    else
      warnings.push(
        `${where} links unknown audience "${link.audience_link_name}"; it never matches`,
      );
  }
  const shares = e.variations.map((v) => v.traffic_distribution);
  const rangeEnds = variationRangeEnds(e.permitted_traffic, shares);
  const running = e.experiment_status === EXPERIMENT_STATUS_RUNNING;
  if (
    running &&
    e.permitted_traffic > 0 &&
    (rangeEnds.length === 0 || rangeEnds[rangeEnds.length - 1] === 0)
  ) {
    warnings.push(`${where} has no variation with a traffic share; nobody is bucketed`);
  }
  const variationIndexByKey = new Map<string, number>();
  e.variations.forEach((v, i) => {
    if (!variationIndexByKey.has(v.variation_key)) variationIndexByKey.set(v.variation_key, i);
  });
  return {
    settings: e,
    name: e.experiment_name,
    key: e.experiment_key,
    running,
    fullStack: e.experiment_type === EXPERIMENT_TYPE_FULLSTACK_AB,
    hashPrefix: utf8(`${e.experiment_key}_`),
    trafficLimit: trafficWidth(e.permitted_traffic),
    rangeEnds,
    variations: e.variations,
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
  const changed: string[] = [];
  for (const [name, e] of next.experiments) {
    const before = previous.experiments.get(name);
    if (!before?.running || !e.running) continue;
    if (layoutOf(before) !== layoutOf(e)) changed.push(name);
  }
  return changed;
}

function layoutOf(e: IndexedExperiment): string {
  return `${e.key}|${e.trafficLimit}|${e.variations.map((v) => `${v.variation_key}:${v.traffic_distribution}`).join(",")}`;
}
