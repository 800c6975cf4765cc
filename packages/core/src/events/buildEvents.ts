import type { IndexedExperiment } from "../settings/ProjectIndex";
import type { GoalSettings, ProjectSettings, VariationSettings } from "../settings/types";
import type { GoalRecord, TrackingEvent, VisitRecord, WireAttribute } from "./types";

const hasOwn = Object.prototype.hasOwnProperty;

/** Attributes as wire `fsca` entries (own keys; string, number and boolean values). */
export function wireAttributes(attributes: object | undefined): WireAttribute[] {
  const out: WireAttribute[] = [];
  if (!attributes) return out;
  for (const key in attributes) {
    if (!hasOwn.call(attributes, key)) continue;
    const v = (attributes as Record<string, unknown>)[key];
    if (typeof v === "string") out.push({ ln: key, v });
    else if (typeof v === "number" || typeof v === "boolean") out.push({ ln: key, v: String(v) });
  }
  return out;
}

function visitRecord(
  project: ProjectSettings,
  experiment: IndexedExperiment,
  variation: VariationSettings,
  attributes: object | undefined,
): VisitRecord {
  const e = experiment.settings;
  return {
    a: project.portal_name,
    b: e.experiment_key,
    c: variation.variation_key,
    p: project.project_key,
    ek: e.environment_key,
    lk: e.language_key,
    fsca: wireAttributes(attributes),
  };
}

/** The visit event sent by `activateExperiment`. */
export function buildVisitEvent(
  project: ProjectSettings,
  experiment: IndexedExperiment,
  variation: VariationSettings,
  userId: string,
  attributes: object | undefined,
): TrackingEvent {
  return { kind: "visit", userId, record: visitRecord(project, experiment, variation, attributes) };
}

/** The goal event sent by `trackGoal`; `rv` only when a revenue is given. */
export function buildGoalEvent(
  project: ProjectSettings,
  experiment: IndexedExperiment,
  variation: VariationSettings,
  goal: GoalSettings,
  isPrimary: boolean,
  userId: string,
  attributes: object | undefined,
  revenue: number | undefined,
): TrackingEvent {
  const record: GoalRecord = {
    ...visitRecord(project, experiment, variation, attributes),
    gln: goal.goal_link_name,
    ipl: isPrimary,
  };
  if (revenue !== undefined) record.rv = revenue;
  return { kind: "goal", userId, record };
}
