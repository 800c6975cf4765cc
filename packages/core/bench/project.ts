/**
 * A generated PageSense project for the decision benchmark: 50 running Full Stack experiments
 * with 2–4 variations, partial traffic and nested AND/OR audiences of 3–6 conditions, plus a pool
 * of precomputed calls (experiment, user id, attributes) of which half qualify for a variation.
 */
import {
  audience,
  documentOf,
  experiment,
  goal,
  type Json,
  project,
  variation,
} from "@pagesense/testing";

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same project. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Attribute names and the values the audiences compare against. */
const ATTRIBUTES: Record<string, string[]> = {
  Browser: ["Chrome", "Firefox", "Safari", "Edge"],
  OS: ["Windows", "MacOS", "Linux", "Android", "iOS"],
  Device: ["Desktop", "Mobile", "Tablet"],
  country: ["US", "IN", "DE", "FR", "JP", "BR"],
  planType: ["free", "pro", "enterprise"],
  referrer: ["google", "newsletter", "direct", "partner"],
};
const NAMES = Object.keys(ATTRIBUTES);

/** One benchmark call. */
export interface BenchCall {
  experimentName: string;
  userId: string;
  attributes: Record<string, string>;
}

/** Builds the settings document: `experimentCount` experiments, one audience each. */
export function generateSettings(experimentCount = 50, seed = 42): Json {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

  const leaf = (): Json => {
    const name = pick(NAMES);
    const values = ATTRIBUTES[name]!;
    const operator = int(1, 4);
    const chosen = values.filter(() => rnd() < 0.5);
    if (chosen.length === 0) chosen.push(pick(values));
    // contains-operators compare substrings: use prefixes of the values.
    const compared =
      operator >= 3 ? chosen.map((v) => v.slice(0, Math.max(2, v.length - 2))) : chosen;
    return { attribute_name: name, operator, values: compared, type: "string" };
  };

  /** A nested tree of `count` leaves: a top group holding leaves and one sub-group. */
  const tree = (count: number): Json => {
    const top = rnd() < 0.5 ? 1 : 2;
    const inner = top === 1 ? 2 : 1;
    const innerCount = int(2, Math.min(3, count - 1));
    const leaves = Array.from({ length: count - innerCount }, leaf);
    const sub = { condition_type: inner, conditions: Array.from({ length: innerCount }, leaf) };
    return { condition_type: top, conditions: [...leaves, sub] };
  };

  const audiences: Json[] = [];
  const experiments: Json[] = [];
  for (let i = 0; i < experimentCount; i++) {
    audiences.push(audience(`aud-${i}`, tree(int(3, 6))));
    const variationCount = int(2, 4);
    experiments.push(
      experiment(`Experiment ${i}`, {
        experiment_key: `EXP${1000 + i}`,
        permitted_traffic: int(40, 95),
        variations: Array.from({ length: variationCount }, (_, v) =>
          variation(`EXP${1000 + i}-V${v}`, int(10, 60), v === 0 ? "Original" : `Variation ${v}`, {
            is_original: v === 0,
          }),
        ),
        audiences: [{ audience_link_name: `aud-${i}` }],
        goals: [{ goal_link_name: "purchase", is_primary_goal: true }],
      }),
    );
  }
  return documentOf(
    project({ name: "Bench", experiments, audiences, goals: [goal("Purchase", "purchase")] }),
  );
}

/** Random calls against the generated project (3–6 attributes each). */
export function generateCalls(count: number, experimentCount = 50, seed = 7): BenchCall[] {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const attributes: Record<string, string> = {};
    for (const name of NAMES) if (rnd() < 0.75) attributes[name] = pick(ATTRIBUTES[name]!);
    return {
      experimentName: `Experiment ${Math.floor(rnd() * experimentCount)}`,
      userId: `visitor-${i}-${Math.floor(rnd() * 1e9).toString(36)}`,
      attributes,
    };
  });
}

/**
 * A pool of `size` calls, half of which get a variation (`qualifies` tells), interleaved so a
 * rotating index alternates between qualifying and non-qualifying calls.
 */
export async function qualifiedPool(
  size: number,
  qualifies: (call: BenchCall) => Promise<boolean>,
): Promise<BenchCall[]> {
  const yes: BenchCall[] = [];
  const no: BenchCall[] = [];
  let seed = 1;
  while (yes.length < size / 2 || no.length < size / 2) {
    for (const call of generateCalls(1000, 50, seed++)) {
      const bucket = (await qualifies(call)) ? yes : no;
      if (bucket.length < size / 2) bucket.push(call);
    }
  }
  return yes.flatMap((call, i) => [call, no[i]!]);
}
