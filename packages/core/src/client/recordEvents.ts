import type { UserAttributes } from "../audience/attributes";
import { visitRecord } from "../events/buildEvents";
import type { EventSink, GoalRecord } from "../events/types";
import type { SafeLogger } from "../logging/logger";
import type { Notifier } from "../notifications/Notifier";
import type { IndexedExperiment } from "../settings/ProjectIndex";
import type { GoalSettings, VariationSettings } from "../settings/types";
import { callOf } from "./outcomeLog";

/** Where the event step hands its work: the sink, the log and the listeners. */
export interface EventStepParts {
  readonly sink: EventSink;
  readonly log: SafeLogger;
  readonly notifier: Notifier;
}

/** The visit of a user in a variation: queued, logged at DEBUG, notified to `activate` listeners. */
export function recordVisit(
  { sink, log, notifier }: EventStepParts,
  experiment: IndexedExperiment,
  variation: VariationSettings,
  userId: string,
  attributes: UserAttributes | undefined,
): void {
  const record = visitRecord(experiment, variation, attributes);
  sink.enqueue({ kind: "visit", userId, record });
  const { variation_name: variationName, variation_key: variationKey } = variation;
  if (log.enabled("DEBUG"))
    log.debug(
      `${callOf("activateExperiment", experiment.name, userId)}: "${variationName}"; visit queued`,
    );
  if (notifier.has("activate"))
    notifier.emit("activate", {
      experimentName: experiment.name,
      userId,
      variationName,
      variationKey,
      attributes,
    });
}

/**
 * A conversion of `goal` (resolved in the same settings as the decision) by a user in a variation:
 * queued, logged at DEBUG, notified to `goal` listeners.
 */
export function recordGoal(
  { sink, log, notifier }: EventStepParts,
  experiment: IndexedExperiment,
  variation: VariationSettings,
  userId: string,
  attributes: UserAttributes | undefined,
  goal: GoalSettings,
  revenue: number | undefined,
): void {
  const { goal_name: goalName, goal_link_name: gln } = goal;
  const record: GoalRecord = {
    ...visitRecord(experiment, variation, attributes),
    gln,
    ipl: experiment.goalLinks.get(gln) === true,
  };
  if (revenue !== undefined) record.rv = revenue;
  sink.enqueue({ kind: "goal", userId, record });
  const variationName = variation.variation_name;
  if (log.enabled("DEBUG"))
    log.debug(
      `${callOf("trackGoal", experiment.name, userId)}: goal "${goalName}" ("${variationName}") queued`,
    );
  if (notifier.has("goal"))
    notifier.emit("goal", {
      experimentName: experiment.name,
      userId,
      variationName,
      goalName,
      revenue,
      attributes,
    });
}
