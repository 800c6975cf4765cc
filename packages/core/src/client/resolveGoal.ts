import { describe } from "../logging/describe";
import type { SafeLogger } from "../logging/logger";
import type { ProjectIndex } from "../settings/ProjectIndex";
import type { GoalSettings } from "../settings/types";

/**
 * trackGoal's checks before the decision (docs/behaviour.md#goals): a finite revenue, and a goal
 * that exists and is linked to the experiment. Gives the goal; undefined when settings are not
 * loaded or the client is closed (the decision logs NOT_READY); null, after a log line saying
 * why, when the goal is not tracked.
 */
export function resolveGoal(
  log: SafeLogger,
  index: ProjectIndex | null,
  closed: boolean,
  experimentName: string,
  goalName: string,
  revenue: number | undefined,
): GoalSettings | undefined | null {
  const refuse = (level: "error" | "warn", problem: string): null => {
    log[level](
      `trackGoal(${describe(experimentName)}, ${describe(goalName)}): ${problem}; goal not tracked`,
    );
    return null;
  };
  // 1. Arguments: a finite revenue when given, a non-empty goal name.
  if (revenue !== undefined && !Number.isFinite(revenue))
    return refuse("error", `revenue must be a finite number, got ${describe(revenue)}`);
  if (typeof goalName !== "string" || !goalName)
    return refuse("error", "goalName must be a non-empty string");
  // 2. Settings loaded (else the decision says NOT_READY).
  if (!index || closed) return undefined;
  // 3. The goal exists.
  const goal = index.goals.get(goalName);
  if (!goal)
    return refuse(
      "warn",
      `no goal named ${describe(goalName)} in project "${index.project.project_name}"`,
    );
  // 4. It is linked to the experiment (an unknown experiment: the decision says so).
  const experiment = index.experiments.get(experimentName);
  if (experiment && !experiment.goalLinks.has(goal.goal_link_name))
    return refuse("warn", `goal "${goalName}" is not linked to experiment "${experimentName}"`);
  return goal;
}
