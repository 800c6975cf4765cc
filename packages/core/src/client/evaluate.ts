import { isEmptyAttributes } from "../audience/attributes";
import { BUCKET_COUNT, type PrefixHasher } from "../bucketing/hash";
import { findVariation } from "../bucketing/ranges";
import type { IndexedExperiment, ProjectIndex } from "../settings/ProjectIndex";
import type { VariationSettings } from "../settings/types";
import type { DecisionReason } from "./Decision";

/** The result of the decision flow before user storage (steps 2–3 and 5 of the spec). */
export interface Evaluation {
  reason: DecisionReason;
  experiment: IndexedExperiment | undefined;
  variation: VariationSettings | undefined;
  bucket: number | null;
}

/**
 * Steps 2–3 of the decision flow: the experiment exists, runs, is Full Stack, and the audience
 * admits the user. Returns the experiment, or the reason it does not apply.
 */
export function eligibleExperiment(
  index: ProjectIndex,
  experimentName: string,
  attributes: object | undefined,
): IndexedExperiment | DecisionReason {
  const experiment = index.experiments.get(experimentName);
  if (experiment === undefined) return "EXPERIMENT_NOT_FOUND";
  if (!experiment.running) return "EXPERIMENT_NOT_RUNNING";
  if (!experiment.fullStack) return "NOT_FULLSTACK";
  if (experiment.allVisitors) return experiment;
  if (attributes === undefined || isEmptyAttributes(attributes)) return "NO_ATTRIBUTES";
  const matchers = experiment.audiences;
  for (let i = 0; i < matchers.length; i++) {
    if (matchers[i]!(attributes)) return experiment;
  }
  return "AUDIENCE_MISMATCH";
}

/** Step 5: the user's bucket and variation index (-1 when out of traffic). */
export function bucketUser(
  hasher: PrefixHasher,
  experiment: IndexedExperiment,
  userId: string,
): { bucket: number; variationIndex: number } {
  const bucket = hasher.hash(experiment.hashPrefix, userId) % BUCKET_COUNT;
  const variationIndex =
    bucket < experiment.trafficLimit ? findVariation(experiment.rangeEnds, bucket) : -1;
  return { bucket, variationIndex };
}
