import {
  createBatchEventProcessor,
  createInstance,
  createStaticProjectConfigManager,
  OptimizelyDecideOption,
} from "@optimizely/optimizely-sdk";
import type { Condition, Scenario } from "../scenario/model";
import { packageVersion } from "./packageInfo";
import type { Mode, Runner, SdkUnderTest, Tally } from "./types";

type Typed = unknown[] | Record<string, unknown>;

function leafValue(attribute: string, match: "exact" | "substring", value: string) {
  return { type: "custom_attribute", name: attribute, match, value };
}

/** A condition as an Optimizely typed-audience condition tree. */
function typed(c: Condition): Typed {
  if (c.kind !== "leaf") return [c.kind, ...c.children.map(typed)];
  const match = c.op === "in" || c.op === "notIn" ? "exact" : "substring";
  const any = ["or", ...c.values.map((v) => leafValue(c.attribute, match, v))];
  return c.op === "notIn" || c.op === "notContains" ? ["not", any] : any;
}

const DUMMY_CONDITIONS =
  '["or", {"match": "exact", "name": "$opt_dummy_attribute", "type": "custom_attribute", "value": "$opt_dummy_value"}]';

/**
 * The scenario as an Optimizely datafile (version 4): one experiment per scenario experiment,
 * variation keys = variation names, `trafficAllocation` laid out over 0..10000 exactly like
 * PageSense's ranges, audiences as `typedAudiences` referenced by `audienceConditions`
 * (OR-ed), and one feature flag per experiment so `decide` can be used.
 */
export function optimizelyDatafile(scenario: Scenario): Record<string, unknown> {
  const attributeKeys = [
    ...new Set(scenario.users[0] ? Object.keys(scenario.users[0].attributes) : []),
  ];
  const audiences = scenario.experiments.flatMap((e, ei) =>
    e.audiences.map((a, ai) => ({ id: `${30000 + ei * 10 + ai}`, name: `${e.key}-aud${ai}`, a })),
  );
  return {
    version: "4",
    accountId: "10000",
    projectId: "10001",
    revision: "1",
    anonymizeIP: true,
    botFiltering: false,
    // Impressions only for experiment decisions (as PageSense and GrowthBook do).
    sendFlagDecisions: false,
    attributes: attributeKeys.map((key, i) => ({ id: `${20000 + i}`, key })),
    audiences: audiences.map(({ id, name }) => ({ id, name, conditions: DUMMY_CONDITIONS })),
    typedAudiences: audiences.map(({ id, name, a }) => ({ id, name, conditions: typed(a) })),
    groups: [],
    experiments: scenario.experiments.map((e, ei) => {
      const total = e.variations.reduce((s, v) => s + v.share, 0);
      let cumulative = 0;
      const ids = e.audiences.map((_, ai) => `${30000 + ei * 10 + ai}`);
      return {
        id: `${40000 + ei}`,
        key: e.key,
        status: "Running",
        layerId: `${50000 + ei}`,
        variations: e.variations.map((v, vi) => ({
          id: `${60000 + ei * 10 + vi}`,
          key: v.name,
          featureEnabled: true,
          variables: [],
        })),
        trafficAllocation: e.variations.map((v, vi) => {
          cumulative += v.share;
          return {
            entityId: `${60000 + ei * 10 + vi}`,
            endOfRange: Math.floor((cumulative * e.traffic * 100) / total),
          };
        }),
        audienceIds: ids,
        audienceConditions: ["or", ...ids],
        forcedVariations: {},
      };
    }),
    featureFlags: scenario.experiments.map((e, ei) => ({
      id: `${70000 + ei}`,
      key: e.key,
      experimentIds: [`${40000 + ei}`],
      rolloutId: `${80000 + ei}`,
      variables: [],
    })),
    rollouts: scenario.experiments.map((_, ei) => ({ id: `${80000 + ei}`, experiments: [] })),
    events: [
      {
        id: "90000",
        key: scenario.goal,
        experimentIds: scenario.experiments.map((_, ei) => `${40000 + ei}`),
      },
    ],
    integrations: [],
  };
}

/** How the Optimizely client is called (both are public API of the 6.x SDK). */
export type OptimizelyStyle = "decide" | "legacy";

/** An event dispatcher that sends nothing; counts the impressions it was handed. */
function countingDispatcher() {
  const dispatcher = {
    events: 0,
    dispatchEvent(event: {
      params: { visitors?: Array<{ snapshots: Array<{ events: unknown[] }> }> };
    }) {
      for (const v of event.params.visitors ?? []) {
        for (const s of v.snapshots) dispatcher.events += s.events.length;
      }
      return Promise.resolve({ statusCode: 200 });
    },
  };
  return dispatcher;
}

/**
 * Optimizely Feature Experimentation JS SDK. `decide` style: `createUserContext(userId,
 * attributes).decide(flagKey, [DISABLE_DECISION_EVENT])` for decisions and `decide(flagKey)` for
 * activations; `legacy` style: `getVariation` / `activate(experimentKey, userId, attributes)`.
 * Activations go through the SDK's default batch event processor with a no-op dispatcher.
 */
export function optimizelySdk(style: OptimizelyStyle): SdkUnderTest {
  return {
    id: "optimizely",
    label: "Optimizely",
    packageName: "@optimizely/optimizely-sdk",
    version: packageVersion("@optimizely/optimizely-sdk"),
    calls:
      style === "decide"
        ? {
            decide:
              "client.createUserContext(userId, attributes).decide(flagKey, [DISABLE_DECISION_EVENT]).variationKey",
            activate:
              "client.createUserContext(userId, attributes).decide(flagKey).variationKey (batch event processor, no-op dispatcher)",
          }
        : {
            decide: "client.getVariation(experimentKey, userId, attributes)",
            activate:
              "client.activate(experimentKey, userId, attributes) (batch event processor, no-op dispatcher)",
          },
    async create(scenario: Scenario, mode: Mode): Promise<Runner> {
      const dispatcher = countingDispatcher();
      const client = createInstance({
        projectConfigManager: createStaticProjectConfigManager({
          datafile: JSON.stringify(optimizelyDatafile(scenario)),
        }),
        ...(mode === "activate"
          ? { eventProcessor: createBatchEventProcessor({ eventDispatcher: dispatcher }) }
          : {}),
      });
      await client.onReady({ timeout: 5000 });
      const { users } = scenario;
      const keys = scenario.experiments.map((e) => e.key);
      const noEvent = [OptimizelyDecideOption.DISABLE_DECISION_EVENT];
      let run: Runner["run"];
      if (style === "decide") {
        run =
          mode === "decide"
            ? (plan, from, to, tally: Tally) => {
                for (let i = from; i < to; i++) {
                  const u = users[i]!;
                  const e = plan[i]!;
                  const user = client.createUserContext(u.id, u.attributes);
                  tally.add(e, user.decide(keys[e]!, noEvent).variationKey);
                }
              }
            : (plan, from, to, tally: Tally) => {
                for (let i = from; i < to; i++) {
                  const u = users[i]!;
                  const e = plan[i]!;
                  const user = client.createUserContext(u.id, u.attributes);
                  tally.add(e, user.decide(keys[e]!).variationKey);
                }
              };
      } else {
        run =
          mode === "decide"
            ? (plan, from, to, tally: Tally) => {
                for (let i = from; i < to; i++) {
                  const u = users[i]!;
                  const e = plan[i]!;
                  tally.add(e, client.getVariation(keys[e]!, u.id, u.attributes));
                }
              }
            : (plan, from, to, tally: Tally) => {
                for (let i = from; i < to; i++) {
                  const u = users[i]!;
                  const e = plan[i]!;
                  tally.add(e, client.activate(keys[e]!, u.id, u.attributes));
                }
              };
      }
      return {
        run,
        async close() {
          await client.close();
          return dispatcher.events;
        },
      };
    },
  };
}
