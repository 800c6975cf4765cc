import { readAttribute } from "../audience/attributes";
import type { IndexedExperiment } from "../settings/ProjectIndex";
import type { VariationSettings } from "../settings/types";
import type { VisitRecord, WireAttribute } from "./types";

/** Attributes as wire `fsca` entries (own keys; string, number and boolean values). */
export function wireAttributes(attributes: object | undefined): WireAttribute[] {
  const out: WireAttribute[] = [];
  for (const ln in attributes) {
    const v = readAttribute(attributes, ln);
    if (v !== undefined) out.push({ ln, v });
  }
  return out;
}

/**
 * The visit record (`fvrd` entry) saying the user saw `variation`; goal records (`fgrd`) extend it
 * with the goal.
 */
export function visitRecord(
  experiment: IndexedExperiment,
  variation: VariationSettings,
  attributes: object | undefined,
): VisitRecord {
  const { settings: e, project } = experiment;
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
