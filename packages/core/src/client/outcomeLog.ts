import { describe } from "../logging/describe";
import type { SafeLogger } from "../logging/logger";
import type { DecisionReason } from "./Decision";
import type { Outcome } from "./evaluate";

/** A client operation, as log lines name it. */
export type Operation = "activateExperiment" | "getVariationName" | "trackGoal" | "decide";

/**
 * The level at which each reason for a null decision is logged. The line names the call and the
 * reason code (see {@link DecisionReason}), plus the bucket or what is wrong where that helps.
 */
const LEVELS: Partial<Record<DecisionReason, "error" | "warn" | "info" | "debug">> = {
  INVALID_INPUT: "error",
  NOT_READY: "warn",
  EXPERIMENT_NOT_FOUND: "warn",
  EXPERIMENT_NOT_RUNNING: "info",
  NOT_FULLSTACK: "warn",
  NO_ATTRIBUTES: "info",
  AUDIENCE_MISMATCH: "debug",
  OUT_OF_TRAFFIC: "debug",
};

/** How log lines name a call: `activateExperiment("Pricing", user "u1")`. */
export function callOf(op: Operation, experimentName: unknown, userId: unknown): string {
  return `${op}(${describe(experimentName)}, user ${describe(userId)})`;
}

/** Logs why `outcome` gives no variation, at the reason's level (nothing for a variation). */
export function logNoVariation(
  log: SafeLogger,
  op: Operation,
  experimentName: unknown,
  userId: unknown,
  outcome: Outcome,
): void {
  const { reason, detail, bucket } = outcome;
  const level = LEVELS[reason];
  if (!level || (level === "debug" && !log.enabled("DEBUG"))) return;
  const why = detail ? ` (${detail})` : bucket === null ? "" : ` (bucket ${bucket})`;
  log[level](`${callOf(op, experimentName, userId)}: ${reason}${why}; returning null`);
}
