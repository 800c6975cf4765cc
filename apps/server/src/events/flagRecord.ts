import type { GoalRecord, VisitRecord } from "@pagesense/protocol";
import type { ProjectCatalog } from "../settings/ProjectCatalog";

/**
 * Why a well-formed event does not match the settings in force when it arrived. Such events are
 * stored (an SDK with older settings, or a settings edit racing with delivery, is normal; a 4xx
 * would make the SDK drop the event) but left out of reports.
 */
export type EventFlag =
  | "unknown_project"
  | "unknown_experiment"
  | "unknown_variation"
  | "unknown_goal"
  | "goal_not_linked";

/** The first problem of a record against the current project, or null when it matches. */
export function flagRecord(
  catalog: ProjectCatalog,
  record: VisitRecord | GoalRecord,
): EventFlag | null {
  const project = catalog.project;
  if (record.p !== project.project_key || record.a !== project.portal_name)
    return "unknown_project";
  const experiment = catalog.experimentByKey(record.b);
  if (!experiment) return "unknown_experiment";
  if (!experiment.variationsByKey.has(record.c)) return "unknown_variation";
  if ("gln" in record) {
    if (!catalog.goalByLink(record.gln)) return "unknown_goal";
    if (!experiment.goalsByLink.has(record.gln)) return "goal_not_linked";
  }
  return null;
}
