import type Database from "better-sqlite3";

/** Attributed conversions of one goal in one variation. */
export interface GoalRow {
  variationKey: string;
  goalLinkName: string;
  /** Distinct users who converted (and have a visit in this variation). */
  converters: number;
  /** All their goal events (a user converting twice counts twice). */
  conversions: number;
  /** Sum of `rv` over those events. */
  revenue: number;
  /** Events that carried a revenue. */
  revenueEvents: number;
}

/**
 * The aggregate reads behind reports. Only unflagged events count. A goal event counts as a
 * conversion only when the same user has a visit in the same experiment and variation, so a
 * conversion rate is a share of the visitors; the others are "unattributed" and reported apart.
 */
export class ReportQueries {
  private readonly visitorsStmt;
  private readonly goalsStmt;
  private readonly unattributedStmt;
  private readonly flaggedStmt;
  private readonly firstVersionStmt;

  constructor(db: Database.Database) {
    this.visitorsStmt = db.prepare<[string], { variation_key: string; visitors: number }>(
      `SELECT variation_key, COUNT(DISTINCT user_id) AS visitors
         FROM visits WHERE experiment_key = ? AND flag IS NULL
        GROUP BY variation_key`,
    );
    this.goalsStmt = db.prepare<[string], GoalRow>(
      `SELECT g.variation_key AS variationKey, g.goal_link_name AS goalLinkName,
              COUNT(DISTINCT g.user_id) AS converters, COUNT(*) AS conversions,
              COALESCE(SUM(g.revenue), 0) AS revenue, COUNT(g.revenue) AS revenueEvents
         FROM goals g
        WHERE g.experiment_key = ? AND g.flag IS NULL
          AND EXISTS (SELECT 1 FROM visits v
                       WHERE v.experiment_key = g.experiment_key AND v.variation_key = g.variation_key
                         AND v.user_id = g.user_id AND v.flag IS NULL)
        GROUP BY g.variation_key, g.goal_link_name`,
    );
    this.unattributedStmt = db.prepare<[string], { n: number }>(
      `SELECT COUNT(*) AS n FROM goals g
        WHERE g.experiment_key = ? AND g.flag IS NULL
          AND NOT EXISTS (SELECT 1 FROM visits v
                           WHERE v.experiment_key = g.experiment_key AND v.variation_key = g.variation_key
                             AND v.user_id = g.user_id AND v.flag IS NULL)`,
    );
    this.firstVersionStmt = db.prepare<[string], { version: number | null }>(
      "SELECT MIN(settings_version) AS version FROM visits WHERE experiment_key = ? AND flag IS NULL",
    );
    this.flaggedStmt = db.prepare<[string, string], { visits: number; goals: number }>(
      `SELECT (SELECT COUNT(*) FROM visits WHERE experiment_key = ? AND flag IS NOT NULL) AS visits,
              (SELECT COUNT(*) FROM goals WHERE experiment_key = ? AND flag IS NOT NULL) AS goals`,
    );
  }

  /** Distinct visitors per variation key. */
  visitors(experimentKey: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const row of this.visitorsStmt.all(experimentKey))
      out.set(row.variation_key, row.visitors);
    return out;
  }

  /** Attributed conversions per (variation, goal). */
  goals(experimentKey: string): GoalRow[] {
    return this.goalsStmt.all(experimentKey);
  }

  /** Goal events of users without a visit in that variation. */
  unattributedConversions(experimentKey: string): number {
    return this.unattributedStmt.get(experimentKey)?.n ?? 0;
  }

  /** The settings version in force at the experiment's first counted visit; undefined without one. */
  firstVisitVersion(experimentKey: string): number | undefined {
    return this.firstVersionStmt.get(experimentKey)?.version ?? undefined;
  }

  /** Flagged (stored but not counted) events carrying this experiment key. */
  flagged(experimentKey: string): { visits: number; goals: number } {
    return this.flaggedStmt.get(experimentKey, experimentKey) ?? { visits: 0, goals: 0 };
  }
}
