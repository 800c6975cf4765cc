import { type FeatureApiResponse, GrowthBookClient } from "@growthbook/growthbook";
import type { Condition, Scenario, User } from "../scenario/model";
import { packageVersion } from "./packageInfo";
import type { Mode, Runner, SdkUnderTest, Tally } from "./types";

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** A condition as a GrowthBook (MongoDB-style) targeting condition. */
function mongo(c: Condition): Record<string, unknown> {
  if (c.kind !== "leaf") return { [c.kind === "and" ? "$and" : "$or"]: c.children.map(mongo) };
  switch (c.op) {
    case "in":
      return { [c.attribute]: { $in: c.values } };
    case "notIn":
      return { [c.attribute]: { $nin: c.values } };
    case "contains":
      return { [c.attribute]: { $regex: c.values.map(escapeRegex).join("|") } };
    case "notContains":
      return { [c.attribute]: { $not: { $regex: c.values.map(escapeRegex).join("|") } } };
  }
}

/**
 * The scenario as a GrowthBook SDK payload: one string feature per experiment (default `null`)
 * with one experiment rule: the variation names as values, `weights` from the shares,
 * `coverage` = traffic, `condition` = the audiences OR-ed, hashed on `id` (hash version 2).
 */
export function growthBookPayload(scenario: Scenario): FeatureApiResponse {
  const features: Record<string, unknown> = {};
  for (const e of scenario.experiments) {
    const total = e.variations.reduce((s, v) => s + v.share, 0);
    const condition =
      e.audiences.length === 1 ? mongo(e.audiences[0]!) : { $or: e.audiences.map(mongo) };
    features[e.key] = {
      defaultValue: null,
      rules: [
        {
          key: e.key,
          seed: e.key,
          hashAttribute: "id",
          hashVersion: 2,
          condition,
          coverage: e.traffic / 100,
          variations: e.variations.map((v) => v.name),
          weights: e.variations.map((v) => v.share / total),
          meta: e.variations.map((_, i) => ({ key: String(i) })),
        },
      ],
    };
  }
  return { features } as FeatureApiResponse;
}

const prepared = new WeakMap<readonly User[], Array<Record<string, string>>>();

/** Users as GrowthBook takes them (the id is an attribute), built once per user list, outside timing. */
function preparedUsers(users: readonly User[]): Array<Record<string, string>> {
  let out = prepared.get(users);
  if (!out) {
    out = users.map((u) => ({ id: u.id, ...u.attributes }));
    prepared.set(users, out);
  }
  return out;
}

/** How the GrowthBook client is called. */
export type GrowthBookStyle = "client" | "scoped";

/**
 * GrowthBook JS SDK, its multi-user server client (`GrowthBookClient`, initialised synchronously
 * with the payload). `client` style: `getFeatureValue(featureKey, null, { attributes })` per
 * call; `scoped` style: `createScopedInstance({ attributes }).getFeatureValue(featureKey, null)`.
 * Activations: the same call with a no-op `trackingCallback` (GrowthBook hands impressions to
 * the application's analytics through it).
 */
export function growthBookSdk(style: GrowthBookStyle): SdkUnderTest {
  return {
    id: "growthbook",
    label: "GrowthBook",
    packageName: "@growthbook/growthbook",
    version: packageVersion("@growthbook/growthbook"),
    calls:
      style === "client"
        ? {
            decide:
              "client.getFeatureValue(featureKey, null, { attributes: { id: userId, ...attributes } })",
            activate: "the same, with a no-op trackingCallback on the client",
          }
        : {
            decide:
              "client.createScopedInstance({ attributes: { id: userId, ...attributes } }).getFeatureValue(featureKey, null)",
            activate: "the same, with a no-op trackingCallback on the client",
          },
    async create(scenario: Scenario, mode: Mode): Promise<Runner> {
      let events = 0;
      const client = new GrowthBookClient(
        mode === "activate"
          ? {
              trackingCallback: () => {
                events++;
              },
            }
          : {},
      ).initSync({ payload: growthBookPayload(scenario) });
      const keys = scenario.experiments.map((e) => e.key);
      const users = preparedUsers(scenario.users);
      const run: Runner["run"] =
        style === "client"
          ? (plan, from, to, tally: Tally) => {
              for (let i = from; i < to; i++) {
                const attributes = users[i]!;
                const e = plan[i]!;
                tally.add(
                  e,
                  client.getFeatureValue(keys[e]!, null, { attributes }) as string | null,
                );
              }
            }
          : (plan, from, to, tally: Tally) => {
              for (let i = from; i < to; i++) {
                const attributes = users[i]!;
                const e = plan[i]!;
                const scoped = client.createScopedInstance({ attributes });
                tally.add(e, scoped.getFeatureValue(keys[e]!, null) as string | null);
              }
            };
      return {
        run,
        async close() {
          // Tracking callbacks run in promises: let them settle.
          await new Promise((r) => setImmediate(r));
          client.destroy();
          return events;
        },
      };
    },
  };
}
