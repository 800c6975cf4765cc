import { leafCount, matches } from "./evaluate";
import type { Condition, Experiment, Leaf, Scenario, User } from "./model";
import { Random } from "./random";

/** Attribute vocabulary: values users draw from, and fragments `contains` conditions test. */
const ATTRIBUTES: Record<string, { values: string[]; fragments: string[] }> = {
  country: {
    values: ["US", "IN", "GB", "DE", "FR", "JP", "BR", "CA", "AU", "ES", "IT", "MX"],
    fragments: ["U", "A", "E", "N"],
  },
  planType: {
    values: ["free", "starter", "pro", "business", "enterprise"],
    fragments: ["pr", "e", "s", "ter"],
  },
  Browser: {
    values: ["Chrome", "Firefox", "Safari", "Edge", "Opera", "Samsung Internet"],
    fragments: ["r", "e", "Sa", "Ch"],
  },
  OS: {
    values: ["Windows", "MacOS", "Linux", "Android", "iOS", "ChromeOS"],
    fragments: ["OS", "in", "Mac", "d"],
  },
  Device: { values: ["Desktop", "Mobile", "Tablet"], fragments: ["Mob", "e", "Tab"] },
  language: {
    values: ["en-US", "en-GB", "de-DE", "fr-FR", "ja-JP", "pt-BR", "es-ES", "hi-IN"],
    fragments: ["en-", "-DE", "-BR", "s", "r"],
  },
  referrer: {
    values: [
      "https://www.google.com/search",
      "https://news.ycombinator.com/",
      "https://twitter.com/home",
      "https://www.bing.com/search",
      "https://mail.zoho.com/",
      "direct",
    ],
    fragments: ["google", "search", "https://", "zoho", "com/"],
  },
  cohort: {
    values: ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3"],
    fragments: ["2025", "Q1", "Q3", "2024-Q"],
  },
};

const ATTRIBUTE_NAMES = Object.keys(ATTRIBUTES);
const OPS: Leaf["op"][] = ["in", "notIn", "contains", "notContains"];

/** Options of {@link generateScenario}. */
export interface ScenarioOptions {
  experiments: number;
  users: number;
  seed?: number;
  /** Accepted range of the share of users qualifying for each experiment. Default [0.45, 0.55]. */
  qualifying?: [number, number];
}

function leaf(rng: Random): Leaf {
  const attribute = rng.pick(ATTRIBUTE_NAMES);
  const vocabulary = ATTRIBUTES[attribute]!;
  const op = rng.pick(OPS);
  const pool = op === "in" || op === "notIn" ? vocabulary.values : vocabulary.fragments;
  return { kind: "leaf", attribute, op, values: rng.sample(pool, rng.int(1, 3)) };
}

/** A tree of `leaves` leaf conditions, AND and OR alternating by level. */
function tree(rng: Random, leaves: number, kind: "and" | "or"): Condition {
  if (leaves === 1) return leaf(rng);
  const parts = rng.int(2, Math.min(3, leaves));
  const sizes = new Array<number>(parts).fill(1);
  for (let left = leaves - parts; left > 0; left--) sizes[rng.int(0, parts - 1)]!++;
  const next = kind === "and" ? "or" : "and";
  return { kind, children: sizes.map((n) => tree(rng, n, next)) };
}

/** One or two audiences (OR-ed) holding 3–6 leaf conditions in all, nested AND/OR. */
function audiences(rng: Random): Condition[] {
  const leaves = rng.int(3, 6);
  const first = rng.next() < 0.5 ? "and" : "or";
  if (leaves >= 4 && rng.next() < 0.3) {
    const split = rng.int(2, leaves - 2);
    return [tree(rng, split, first), tree(rng, leaves - split, first)];
  }
  return [tree(rng, leaves, first)];
}

function user(rng: Random, i: number): User {
  const attributes: Record<string, string> = {};
  for (const name of ATTRIBUTE_NAMES) attributes[name] = rng.pick(ATTRIBUTES[name]!.values);
  return { id: `u${i.toString(36)}-${rng.hex(8)}`, attributes };
}

/** Integer shares summing to 100, none below 10. */
function shares(rng: Random, count: number): number[] {
  const raw = Array.from({ length: count }, () => 1 + rng.next() * 2);
  const sum = raw.reduce((s, x) => s + x, 0);
  const out = raw.map((x) => Math.max(10, Math.floor((x / sum) * 100)));
  out[0]! += 100 - out.reduce((s, x) => s + x, 0);
  return out;
}

/**
 * Builds the scenario deterministically from `seed`: users with full attribute maps, and
 * experiments with 2–4 variations, partial traffic (30–95 %) and nested AND/OR audiences whose
 * qualifying share (measured on the users) lies in `qualifying`. The experiments of a smaller
 * project are a prefix of a larger one with the same seed.
 */
export function generateScenario(options: ScenarioOptions): Scenario {
  const seed = options.seed ?? 20_240_601;
  const [low, high] = options.qualifying ?? [0.45, 0.55];
  const userRng = new Random(seed);
  const users = Array.from({ length: options.users }, (_, i) => user(userRng, i));
  const probe = users.slice(0, Math.min(users.length, 20_000));
  const rng = new Random(seed ^ 0x5bd1e995);
  const experiments: Experiment[] = [];
  for (let e = 0; e < options.experiments; e++) {
    const key = `exp${String(e).padStart(2, "0")}`;
    let chosen: Condition[] | undefined;
    for (let attempt = 0; attempt < 100_000 && chosen === undefined; attempt++) {
      const candidate = audiences(rng);
      const share =
        probe.filter((u) => candidate.some((c) => matches(c, u.attributes))).length / probe.length;
      if (share >= low && share <= high) chosen = candidate;
    }
    if (chosen === undefined)
      throw new Error(`no audience with a qualifying share in range for ${key}`);
    const variationCount = rng.int(2, 4);
    const variationShares = shares(rng, variationCount);
    const qualifying = users.filter((u) => chosen!.some((c) => matches(c, u.attributes))).length;
    experiments.push({
      key,
      name: `Experiment ${e}`,
      traffic: rng.int(30, 95),
      variations: variationShares.map((share, i) => ({
        name: i === 0 ? "Original" : `Variation ${i}`,
        share,
      })),
      audiences: chosen,
      qualifyingShare: qualifying / users.length,
    });
  }
  return { seed, experiments, users, goal: "Purchase" };
}

/** The same scenario with only its first `count` experiments (the 1-experiment project). */
export function firstExperiments(scenario: Scenario, count: number): Scenario {
  return { ...scenario, experiments: scenario.experiments.slice(0, count) };
}

/** A copy with every experiment at 100 % traffic: then "got a variation" means "qualified". */
export function fullTraffic(scenario: Scenario): Scenario {
  return { ...scenario, experiments: scenario.experiments.map((e) => ({ ...e, traffic: 100 })) };
}

/** Total leaf conditions of an experiment's audiences. */
export function conditionCount(experiment: Experiment): number {
  return experiment.audiences.reduce((n, a) => n + leafCount(a), 0);
}
