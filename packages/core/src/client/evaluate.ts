import { isEmptyAttributes } from "../audience/attributes";
import type { IndexedExperiment, ProjectIndex } from "../settings/ProjectIndex";
import type { DecisionReason } from "./Decision";

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
  if (isEmptyAttributes(attributes)) return "NO_ATTRIBUTES";
  const matchers = experiment.audiences;
  for (let i = 0; i < matchers.length; i++) if (matchers[i]!(attributes!)) return experiment;
  return "AUDIENCE_MISMATCH";
}
