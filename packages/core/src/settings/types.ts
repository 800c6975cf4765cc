/**
 * The PageSense project settings document ("datafile"), as served by
 * `/psfullstacksdk/updateprojectsettings`. Field names follow PageSense's wire format.
 */
export interface SettingsDocument {
  status_code?: string | number;
  status_string?: string;
  count?: number;
  projectsettings: ProjectSettings[];
}

/** One project of a settings document. */
export interface ProjectSettings {
  portal_name: string;
  project_key: string;
  project_name: string;
  project_link_name?: string;
  sdk_key?: string;
  sdk_account_id?: string;
  experiments: ExperimentSettings[];
  audiences: AudienceSettings[];
  goals: GoalSettings[];
  [informational: string]: unknown;
}

/** A Full Stack experiment. Served only when `experiment_status === 2` and `experiment_type === 14`. */
export interface ExperimentSettings {
  experiment_name: string;
  experiment_key: string;
  experiment_link_name?: string;
  environment_key: string;
  environment_name?: string;
  language_key: number;
  language_name?: string;
  is_development_mode?: boolean;
  experiment_type: number;
  experiment_status: number;
  /** Share of users in the experiment, 0..100. */
  permitted_traffic: number;
  variations: VariationSettings[];
  audiences: { audience_link_name: string }[];
  goals: { goal_link_name: string; is_primary_goal: boolean }[];
}

/** A variation; callers receive its `variation_name`. */
export interface VariationSettings {
  variation_name: string;
  variation_key: string;
  variation_link_name?: string;
  is_original?: boolean;
  traffic_distribution: number;
}

/** A project audience; `audience_condition_json` is a condition tree (or a JSON string of one). */
export interface AudienceSettings {
  audience_name?: string;
  audience_link_name: string;
  audience_condition_json: ConditionNode | null;
}

/** A condition tree node: a group (`condition_type` 1 = AND, 2 = OR) or a leaf. */
export type ConditionNode = ConditionGroup | ConditionLeaf;

/** AND (`condition_type: 1`) or OR (`condition_type: 2`) over `conditions`. */
export interface ConditionGroup {
  condition_type: number;
  conditions: ConditionNode[];
}

/** A leaf comparing one attribute: operators 1 equals-any, 2 equals-none, 3 contains-any, 4 contains-none. */
export interface ConditionLeaf {
  attribute_name: string;
  operator: number;
  values: string[];
  type?: string;
}

/** A project goal. */
export interface GoalSettings {
  goal_name: string;
  goal_link_name: string;
  goal_type?: number;
  goal_status?: number;
}

/** PageSense's experiment status for "running". */
export const EXPERIMENT_STATUS_RUNNING = 2;
/** PageSense's experiment type for a Full Stack A/B test. */
export const EXPERIMENT_TYPE_FULLSTACK_AB = 14;
/** The audience link name meaning "All Visitors". */
export const ALL_VISITORS = "all";
