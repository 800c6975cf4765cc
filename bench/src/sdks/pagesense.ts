import {
  createClient,
  type EventRequest,
  type EventTransport,
  type SettingsDocument,
} from "@pagesense/core";
import {
  and,
  audience,
  documentOf,
  experiment,
  goal,
  type Json,
  leaf,
  or,
  project,
  variation,
} from "@pagesense/testing";
import type { Condition, Scenario } from "../scenario/model";
import { packageVersion } from "./packageInfo";
import type { Mode, Runner, SdkUnderTest, Tally } from "./types";

const OPERATOR = { in: 1, notIn: 2, contains: 3, notContains: 4 } as const;

function condition(c: Condition): Json {
  if (c.kind === "leaf") return leaf(c.attribute, OPERATOR[c.op], c.values);
  return (c.kind === "and" ? and : or)(...c.children.map(condition));
}

/** The scenario as a PageSense project settings document (spec section 5). */
export function pageSenseSettings(scenario: Scenario): SettingsDocument {
  const goalLink = scenario.goal.toLowerCase();
  const settings = documentOf(
    project({
      name: "Bench",
      extra: { portal_name: "bench", project_key: "PBENCH", sdk_key: "sdk-bench" },
      goals: [goal(scenario.goal, goalLink)],
      audiences: scenario.experiments.flatMap((e) =>
        e.audiences.map((a, i) => ({
          ...audience(`${e.key}-aud${i}`, condition(a)),
          audience_name: `${e.name} audience ${i}`,
        })),
      ),
      experiments: scenario.experiments.map((e) =>
        experiment(e.name, {
          experiment_key: e.key.toUpperCase(),
          experiment_link_name: e.key,
          permitted_traffic: e.traffic,
          variations: e.variations.map((v, i) =>
            variation(`${e.key.toUpperCase()}V${i}`, v.share, v.name, {
              variation_link_name: v.name.toLowerCase().replace(/ /g, "-"),
              is_original: i === 0,
            }),
          ),
          audiences: e.audiences.map((_, i) => ({ audience_link_name: `${e.key}-aud${i}` })),
          goals: [{ goal_link_name: goalLink, is_primary_goal: true }],
        }),
      ),
    }),
  );
  return settings as unknown as SettingsDocument;
}

/** An event transport that sends nothing and answers 200: the delivery queue runs, the network does not. */
export function countingTransport(): EventTransport & { events: number } {
  const transport = {
    events: 0,
    send(request: EventRequest): Promise<number> {
      transport.events += request.eventCount;
      return Promise.resolve(200);
    },
  };
  return transport;
}

/**
 * PageSense (@pagesense/core): `getVariationName` for decisions; `activateExperiment` for
 * activations, with the default batching delivery queue and a transport that answers 200
 * without sending. Both return promises, so each call is awaited as an application would.
 */
export const pageSense: SdkUnderTest = {
  id: "pagesense",
  label: "PageSense (ours)",
  packageName: "@pagesense/core",
  version: packageVersion("@pagesense/core"),
  calls: {
    decide: "await client.getVariationName(experimentName, userId, attributes)",
    activate:
      "await client.activateExperiment(experimentName, userId, attributes) (default batch queue, no-op transport)",
  },
  async create(scenario: Scenario, mode: Mode): Promise<Runner> {
    const transport = countingTransport();
    const client = await createClient({
      settings: pageSenseSettings(scenario),
      logLevel: "WARNING",
      // A base URL without credentials: events go through the real BatchEventSink, no settings fetch.
      baseUrl: "http://127.0.0.1:9",
      transport,
      unrefTimers: true,
      // A timed round is 200,000 calls with no macrotask turn, so the full batches it fills go
      // out after the round (a server yields between requests): the cap holds one whole round.
      maxQueueSize: 1_000_000,
    });
    const { users } = scenario;
    const names = scenario.experiments.map((e) => e.name);
    return {
      run:
        mode === "decide"
          ? async (plan, from, to, tally: Tally) => {
              for (let i = from; i < to; i++) {
                const u = users[i]!;
                const e = plan[i]!;
                tally.add(e, await client.getVariationName(names[e]!, u.id, u.attributes));
              }
            }
          : async (plan, from, to, tally: Tally) => {
              for (let i = from; i < to; i++) {
                const u = users[i]!;
                const e = plan[i]!;
                tally.add(e, await client.activateExperiment(names[e]!, u.id, u.attributes));
              }
            },
      async close() {
        await client.close();
        const stats = client.getStats();
        if (stats.eventsDropped !== 0)
          throw new Error(`PageSense dropped ${stats.eventsDropped} events`);
        return transport.events;
      },
    };
  },
};
