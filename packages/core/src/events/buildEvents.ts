import type { IndexedExperiment } from "../settings/ProjectIndex";
import type { ProjectSettings, VariationSettings } from "../settings/types";
import type { VisitRecord, WireAttribute } from "./types";

const hasOwn = Object.prototype.hasOwnProperty;

/** Attributes as wire `fsca` entries (own keys; string, number and boolean values). */
export function wireAttributes(attributes: object | undefined): WireAttribute[] {
  const out: WireAttribute[] = [];
  for (const key in attributes) {
    const v = (attributes as Record<string, unknown>)[key];
    if (
      hasOwn.call(attributes, key) &&
      (typeof v === "string" || typeof v === "number" || typeof v === "boolean")
    )
      out.push({ ln: key, v: String(v) });
  }
  return out;
}

/**
 * The visit record (`fvrd` entry) saying the user saw `variation`; goal records (`fgrd`) extend it
 * with the goal.
 */
export function visitRecord(
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
