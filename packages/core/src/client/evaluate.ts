import { attributesKind, isAttributesLike, isEmptyAttributes } from "../audience/attributes";
import type { Matcher } from "../audience/compile";
import { BUCKET_COUNT, type PrefixHasher } from "../bucketing/hash";
import { findVariation } from "../bucketing/ranges";
import type { IndexedExperiment, ProjectIndex } from "../settings/ProjectIndex";
import type { VariationSettings } from "../settings/types";
import type { DecisionReason } from "./Decision";
import type { ForcedVariations } from "./ForcedVariations";

/** The outcome of one decision: the variation (when any), the reason and the bucket. */
export interface Outcome {
  reason: DecisionReason;
  /** The experiment, once it was found and the user is eligible. */
  experiment?: IndexedExperiment;
  variation?: VariationSettings;
  /** The user's bucket (0..9999) when hashing ran, else null. */
  bucket: number | null;
  /** What is wrong, for INVALID_INPUT and NOT_READY. */
  detail?: string;
}

/** What {@link evaluate} reads besides its arguments (one per client, long-lived). */
export interface EvaluationContext {
  /** The indexed settings in force (null before the first load). */
  readonly index: ProjectIndex | null;
  /** True once the client is closed. */
  readonly closed: boolean;
  readonly forced: ForcedVariations;
  readonly hasher: PrefixHasher;
}

/**
 * The decision for one user, without I/O: the steps of "How decisions are made" (README) and
 * docs/behaviour.md#decisions, each an early return. The user storage step (userStorageStep.ts)
 * runs on an outcome of step 8 (BUCKETED or OUT_OF_TRAFFIC), and may replace it by the stored
 * variation; the result is the same as looking the user up before hashing.
 */
export function evaluate(
  context: EvaluationContext,
  experimentName: string,
  userId: string,
  attributes: object | null | undefined,
): Outcome {
  // 1. Input: a non-empty experiment name and user id, attributes an object or nothing.
  if (typeof experimentName !== "string" || !experimentName)
    return invalid("experimentName must be a non-empty string");
  if (typeof userId !== "string" || !userId) return invalid("userId must be a non-empty string");
  if (!isAttributesLike(attributes))
    return invalid(
      `attributes must be a plain object of strings, got ${attributesKind(attributes)}`,
    );

  // 2. Settings loaded and the client open.
  const { index } = context;
  if (context.closed) return { reason: "NOT_READY", bucket: null, detail: "client closed" };
  if (!index) return { reason: "NOT_READY", bucket: null, detail: "settings not loaded yet" };

  // 3–5. The experiment exists, runs and is Full Stack (docs/behaviour.md#decisions).
  const experiment = index.experiments.get(experimentName);
  if (!experiment) return { reason: "EXPERIMENT_NOT_FOUND", bucket: null };
  if (!experiment.running) return { reason: "EXPERIMENT_NOT_RUNNING", bucket: null };
  if (!experiment.fullStack) return { reason: "NOT_FULLSTACK", bucket: null };

  // 6. A forced variation bypasses audiences, traffic and storage (docs/behaviour.md#forced-variations).
  if (context.forced.active) {
    const variation = context.forced.variationFor(experiment, userId);
    if (variation) return { reason: "FORCED", experiment, variation, bucket: null };
  }

  // 7. Audiences: All Visitors admits everyone; otherwise attributes must match a linked audience
  //    (docs/behaviour.md#audiences).
  if (!experiment.allVisitors) {
    if (isEmptyAttributes(attributes ?? undefined))
      return { reason: "NO_ATTRIBUTES", bucket: null };
    if (!matchesAny(experiment.audiences, attributes!))
      return { reason: "AUDIENCE_MISMATCH", bucket: null };
  }

  // 8. Bucketing: in traffic below permitted_traffic × 100, then the variation's range.
  return bucketUser(context.hasher, experiment, userId);
}

/** Step 8: hashes the user into a variation of `experiment`, or out of its traffic. */
export function bucketUser(
  hasher: PrefixHasher,
  experiment: IndexedExperiment,
  userId: string,
): Outcome {
  const bucket = hasher.hash(experiment.hashPrefix, userId) % BUCKET_COUNT;
  if (bucket >= experiment.trafficLimit) return { reason: "OUT_OF_TRAFFIC", experiment, bucket };
  const i = findVariation(experiment.rangeEnds, bucket);
  if (i < 0) return { reason: "OUT_OF_TRAFFIC", experiment, bucket };
  return { reason: "BUCKETED", experiment, variation: experiment.variations[i], bucket };
}

const invalid = (detail: string): Outcome => ({ reason: "INVALID_INPUT", bucket: null, detail });

/** Whether any of the audience matchers admits the attributes (OR over linked audiences). */
function matchesAny(matchers: readonly Matcher[], attributes: object): boolean {
  for (let i = 0; i < matchers.length; i++) if (matchers[i]!(attributes)) return true;
  return false;
}
