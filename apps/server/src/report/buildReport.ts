import type { CatalogExperiment, LinkedGoal, ProjectCatalog } from "../settings/ProjectCatalog";
import type { GoalRow, ReportQueries } from "../storage/ReportQueries";
import type { SettingsHistory } from "../storage/SettingsHistory";
import { CONFIDENCE_LEVEL, twoProportionZTest, wilsonInterval } from "./statistics";
import { trafficSplits } from "./trafficSplits";
import type {
  ExperimentListItem,
  ExperimentReport,
  GoalReport,
  ReportMethod,
  VariationGoalStats,
  VariationSummary,
} from "./types";

/** The statistics every report uses. */
export const REPORT_METHOD: ReportMethod = {
  significance: "two-proportion z-test (pooled, two-sided)",
  interval: "Wilson score",
  confidenceLevel: CONFIDENCE_LEVEL,
};

/** Builds the report of one experiment of the current settings from the stored events. */
export function buildReport(
  experiment: CatalogExperiment,
  queries: ReportQueries,
  settingsVersion: number,
  history: SettingsHistory,
  now = new Date(),
): ExperimentReport {
  const e = experiment.settings;
  const visitors = queries.visitors(e.experiment_key);
  const rows = new Map<string, GoalRow>();
  for (const row of queries.goals(e.experiment_key))
    rows.set(`${row.goalLinkName}\u0000${row.variationKey}`, row);

  const variations: VariationSummary[] = [...experiment.variationsByKey.values()].map((v) => ({
    key: v.variation_key,
    name: v.variation_name,
    isOriginal: v === experiment.original,
    visitors: visitors.get(v.variation_key) ?? 0,
  }));
  const goals = [...experiment.goals]
    .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary))
    .map((link) => goalReport(link, variations, rows));

  return {
    experiment: {
      key: e.experiment_key,
      name: e.experiment_name,
      linkName: e.experiment_link_name ?? null,
      status: e.experiment_status,
      type: e.experiment_type,
      permittedTraffic: e.permitted_traffic,
      environmentName: e.environment_name ?? null,
    },
    settingsVersion,
    generatedAt: now.toISOString(),
    method: REPORT_METHOD,
    variations,
    goals,
    trafficSplits: trafficSplits(
      e.experiment_key,
      history,
      queries.firstVisitVersion(e.experiment_key),
      settingsVersion,
    ),
    unattributedConversions: queries.unattributedConversions(e.experiment_key),
    flaggedEvents: queries.flagged(e.experiment_key),
  };
}

function goalReport(
  link: LinkedGoal,
  variations: readonly VariationSummary[],
  rows: ReadonlyMap<string, GoalRow>,
): GoalReport {
  const counts = variations.map((v) => {
    const row = rows.get(`${link.linkName}\u0000${v.key}`);
    return {
      v,
      converters: row?.converters ?? 0,
      conversions: row?.conversions ?? 0,
      revenue: row?.revenue ?? 0,
      revenueEvents: row?.revenueEvents ?? 0,
    };
  });
  const original = counts.find((c) => c.v.isOriginal);
  const stats = counts.map((c): VariationGoalStats => {
    const n = c.v.visitors;
    const rate = n > 0 ? c.converters / n : null;
    const base: VariationGoalStats = {
      variationKey: c.v.key,
      variationName: c.v.name,
      isOriginal: c.v.isOriginal,
      visitors: n,
      converters: c.converters,
      conversions: c.conversions,
      conversionRate: rate,
      conversionRateInterval: wilsonInterval(c.converters, n),
      revenue: rounded(c.revenue, 2),
      revenuePerVisitor: n > 0 ? rounded(c.revenue / n, 4) : null,
      uplift: null,
      zScore: null,
      pValue: null,
      confidence: null,
      significant: false,
      outcome: null,
    };
    if (!original || c === original) return base;
    const originalRate = original.v.visitors > 0 ? original.converters / original.v.visitors : null;
    if (rate !== null && originalRate !== null && originalRate > 0)
      base.uplift = (rate - originalRate) / originalRate;
    const test = twoProportionZTest(original.converters, original.v.visitors, c.converters, n);
    if (test) {
      base.zScore = test.z;
      base.pValue = test.pValue;
      base.confidence = 1 - test.pValue;
      base.significant = test.pValue < 1 - CONFIDENCE_LEVEL;
      if (base.significant) base.outcome = test.z > 0 ? "win" : "lose";
    }
    return base;
  });
  return {
    linkName: link.linkName,
    name: link.goal?.goal_name ?? link.linkName,
    isPrimary: link.isPrimary,
    hasRevenue: counts.some((c) => c.revenueEvents > 0),
    variations: stats,
  };
}

/**
 * `value` rounded to `digits` decimals: sums of revenues carry binary floating-point noise
 * (`349.84000000000003`), which a report must not show.
 */
function rounded(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round((value + Number.EPSILON) * factor) / factor;
}

/** The experiment list: every experiment of the current settings with its visitor count. */
export function listExperiments(
  catalog: ProjectCatalog,
  queries: ReportQueries,
): ExperimentListItem[] {
  return catalog.experiments.map((experiment) => {
    const e = experiment.settings;
    let visitors = 0;
    for (const n of queries.visitors(e.experiment_key).values()) visitors += n;
    const primary = experiment.goals.find((g) => g.isPrimary) ?? experiment.goals[0] ?? undefined;
    return {
      key: e.experiment_key,
      name: e.experiment_name,
      status: e.experiment_status,
      visitors,
      primaryGoal: primary ? (primary.goal?.goal_name ?? primary.linkName) : null,
    };
  });
}
