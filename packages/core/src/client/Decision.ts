/**
 * Why a decision came out as it did:
 * - `INVALID_INPUT`: empty/non-string experiment name or user id, or attributes not an object
 * - `NOT_READY`: settings not loaded yet (or the client is closed)
 * - `EXPERIMENT_NOT_FOUND`: no experiment with that `experiment_name`
 * - `EXPERIMENT_NOT_RUNNING`: `experiment_status` is not 2
 * - `NOT_FULLSTACK`: `experiment_type` is not 14
 * - `NO_ATTRIBUTES`: no attributes given and the experiment is not for All Visitors
 * - `AUDIENCE_MISMATCH`: the attributes match none of the linked audiences
 * - `OUT_OF_TRAFFIC`: the user's bucket is outside the permitted traffic
 * - `FORCED`: the variation was forced (`forcedVariations` option or `setForcedVariation`)
 * - `STORED`: the variation came from the user storage service
 * - `BUCKETED`: the variation came from hashing
 */
export type DecisionReason =
  | "INVALID_INPUT"
  | "NOT_READY"
  | "EXPERIMENT_NOT_FOUND"
  | "EXPERIMENT_NOT_RUNNING"
  | "NOT_FULLSTACK"
  | "NO_ATTRIBUTES"
  | "AUDIENCE_MISMATCH"
  | "OUT_OF_TRAFFIC"
  | "FORCED"
  | "STORED"
  | "BUCKETED";

/** The outcome of `decide()`: the variation (or null) and the reason. */
export interface Decision {
  variationName: string | null;
  variationKey: string | null;
  /** The user's bucket (0..9999) when hashing ran, else null. */
  bucket: number | null;
  reason: DecisionReason;
}
