import type { ExperimentReport, GoalReport, VariationGoalStats } from "@pagesense/server";

/** `GET /api/report/:experiment` of the local server. */
export async function fetchReport(
  serverUrl: string,
  experiment: string,
): Promise<ExperimentReport> {
  const res = await fetch(`${serverUrl}/api/report/${encodeURIComponent(experiment)}`);
  if (!res.ok) throw new Error(`report: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as ExperimentReport;
}

/** The figures of one goal for one variation (throws when absent, naming what is missing). */
export function goalStats(
  report: ExperimentReport,
  goalName: string,
  variationName: string,
): VariationGoalStats {
  const goal: GoalReport | undefined = report.goals.find((g) => g.name === goalName);
  if (!goal) throw new Error(`no goal ${goalName} in the report`);
  const stats = goal.variations.find((v) => v.variationName === variationName);
  if (!stats) throw new Error(`no variation ${variationName} under goal ${goalName}`);
  return stats;
}

/** Visitors of one variation. */
export function visitorsOf(report: ExperimentReport, variationName: string): number {
  const variation = report.variations.find((v) => v.name === variationName);
  if (!variation) throw new Error(`no variation ${variationName} in the report`);
  return variation.visitors;
}
