/** How the report's figures are computed (also shown on the HTML page). */
export interface ReportMethod {
  /** "two-proportion z-test (pooled, two-sided)". */
  significance: string;
  /** "Wilson score". */
  interval: string;
  /** 0.95. */
  confidenceLevel: number;
}

/** One variation of an experiment. */
export interface VariationSummary {
  key: string;
  name: string;
  isOriginal: boolean;
  /** Distinct users with a visit. */
  visitors: number;
}

/** One variation's figures for one goal. */
export interface VariationGoalStats {
  variationKey: string;
  variationName: string;
  isOriginal: boolean;
  visitors: number;
  /** Distinct converting visitors. */
  converters: number;
  /** Goal events of those visitors (repeat conversions included). */
  conversions: number;
  /** converters / visitors; null without visitors. */
  conversionRate: number | null;
  /** Wilson interval of the conversion rate at {@link ReportMethod.confidenceLevel}. */
  conversionRateInterval: [number, number] | null;
  /** Sum of revenues, rounded to 2 decimals. */
  revenue: number;
  /** revenue / visitors, rounded to 4 decimals; null without visitors. */
  revenuePerVisitor: number | null;
  /** Relative change of the conversion rate versus the original ((v − o) / o); null for the original or when the original's rate is 0 or unknown. */
  uplift: number | null;
  /** z statistic versus the original; null for the original or when not computable. */
  zScore: number | null;
  /** Two-sided p-value versus the original. */
  pValue: number | null;
  /** 1 − pValue: the "confidence" shown to users. */
  confidence: number | null;
  /** pValue < 1 − confidenceLevel. */
  significant: boolean;
  /**
   * The verdict every view shows: "win" / "lose" when significant and the rate is above / below the
   * original's (the sign of {@link zScore}, also when {@link uplift} is null); null otherwise.
   */
  outcome: "win" | "lose" | null;
}

/** One goal linked to the experiment. */
export interface GoalReport {
  linkName: string;
  /** The project goal's `goal_name` (the link name when the link dangles). */
  name: string;
  isPrimary: boolean;
  /** Whether any counted conversion carried a revenue. */
  hasRevenue: boolean;
  variations: VariationGoalStats[];
}

/** An experiment's traffic split in one settings version. */
export interface TrafficSplit {
  /** The settings version that introduced this split. */
  version: number;
  /** When that version was accepted (ISO time). */
  loadedAt: string;
  /** `permitted_traffic`, percent. */
  permittedTraffic: number;
  /** Each variation's `traffic_distribution`. */
  variations: Array<{ name: string; share: number }>;
}

/** The report of one experiment (`GET /api/report/:experiment`). */
export interface ExperimentReport {
  experiment: {
    key: string;
    name: string;
    linkName: string | null;
    status: number;
    type: number;
    permittedTraffic: number;
    environmentName: string | null;
  };
  settingsVersion: number;
  generatedAt: string;
  method: ReportMethod;
  variations: VariationSummary[];
  /** Linked goals, primary first. */
  goals: GoalReport[];
  /**
   * The splits the experiment ran with since its first counted visit, oldest first: the first, then
   * each settings version that changed permitted traffic or shares. More than one: the split
   * changed during the test. Empty without visits.
   */
  trafficSplits: TrafficSplit[];
  /** Goal events whose user has no visit in that variation: stored, not counted. */
  unattributedConversions: number;
  /** Events with this experiment key that did not match the settings: stored, not counted. */
  flaggedEvents: { visits: number; goals: number };
}

/** One line of the experiment list (`GET /api/report`). */
export interface ExperimentListItem {
  key: string;
  name: string;
  status: number;
  visitors: number;
  primaryGoal: string | null;
}
