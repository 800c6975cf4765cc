import type { UserAttributes } from "../audience/attributes";
import {
  ALL_VISITORS,
  type AudienceSettings,
  EXPERIMENT_STATUS_RUNNING,
  EXPERIMENT_TYPE_FULLSTACK_AB,
  type ExperimentSettings,
  type SettingsDocument,
} from "../settings/types";

/** The project a test client's settings describe. */
export const TEST_PROJECT = "Test";

/** The variation every synthesised experiment has besides the one it is told to give. */
export const ORIGINAL = "Original";

/** What {@link testSettings} builds a document from (see `TestClientOptions`). */
export interface TestSettingsInput {
  variations: Readonly<Record<string, string | null>>;
  goals?: readonly string[] | undefined;
  attributes?: UserAttributes | undefined;
}

/**
 * A one-project settings document in which every experiment of `variations` is a running Full
 * Stack test whose told variation holds all the traffic (`null`: nobody is in the experiment),
 * next to an `Original` variation with none. With `attributes`, the experiments are for users
 * having exactly those values (one audience, AND of "equals" conditions); otherwise for All
 * Visitors. Every goal of `goals` is linked to every experiment (the first one primary).
 */
export function testSettings(input: TestSettingsInput): SettingsDocument {
  const goals = [...new Set(input.goals ?? [])];
  const targeted = input.attributes !== undefined && Object.keys(input.attributes).length > 0;
  const audiences: AudienceSettings[] = targeted
    ? [
        {
          audience_name: "Test users",
          audience_link_name: "test-users",
          audience_condition_json: {
            condition_type: 1,
            conditions: Object.entries(input.attributes!).map(([name, value]) => ({
              attribute_name: name,
              operator: 1,
              values: [value],
            })),
          },
        },
      ]
    : [];
  const experiments = Object.entries(input.variations).map(
    ([name, told], i): ExperimentSettings => {
      const key = `test-experiment-${i + 1}`;
      const names = told === null || told === ORIGINAL ? [ORIGINAL] : [ORIGINAL, told];
      return {
        experiment_name: name,
        experiment_key: key,
        environment_key: "test-environment",
        language_key: 0,
        experiment_type: EXPERIMENT_TYPE_FULLSTACK_AB,
        experiment_status: EXPERIMENT_STATUS_RUNNING,
        permitted_traffic: told === null ? 0 : 100,
        variations: names.map((v, j) => ({
          variation_name: v,
          variation_key: `${key}-v${j}`,
          is_original: j === 0,
          traffic_distribution: v === told ? 100 : 0,
        })),
        audiences: [{ audience_link_name: targeted ? "test-users" : ALL_VISITORS }],
        goals: goals.map((_, j) => ({
          goal_link_name: `test-goal-${j + 1}`,
          is_primary_goal: j === 0,
        })),
      };
    },
  );
  return {
    projectsettings: [
      {
        portal_name: "test",
        project_key: "test-project",
        project_name: TEST_PROJECT,
        experiments,
        audiences,
        goals: goals.map((g, j) => ({ goal_name: g, goal_link_name: `test-goal-${j + 1}` })),
      },
    ],
  };
}
