import { describe, expect, it } from "vitest";
import { expectedShares, matches, qualifies } from "../src/scenario/evaluate";
import { conditionCount, firstExperiments, generateScenario } from "../src/scenario/generate";
import { Random } from "../src/scenario/random";

describe("Random", () => {
  it("gives the same sequence for the same seed and another for another seed", () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it("draws integers within bounds and distinct samples", () => {
    const r = new Random(1);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(2, 4);
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(4);
    }
    const s = r.sample(["a", "b", "c", "d"], 3);
    expect(new Set(s).size).toBe(3);
  });
});

describe("matches (reference semantics)", () => {
  const attrs = { country: "US", referrer: "https://www.google.com/search" };
  it("evaluates the four operators case-sensitively", () => {
    const leaf = (
      op: "in" | "notIn" | "contains" | "notContains",
      attribute: string,
      values: string[],
    ) => ({ kind: "leaf", attribute, op, values }) as const;
    expect(matches(leaf("in", "country", ["GB", "US"]), attrs)).toBe(true);
    expect(matches(leaf("in", "country", ["us"]), attrs)).toBe(false);
    expect(matches(leaf("notIn", "country", ["US"]), attrs)).toBe(false);
    expect(matches(leaf("contains", "referrer", ["google"]), attrs)).toBe(true);
    expect(matches(leaf("notContains", "referrer", ["bing", "zoho"]), attrs)).toBe(true);
  });

  it("nests AND and OR", () => {
    const tree = {
      kind: "and",
      children: [
        { kind: "leaf", attribute: "country", op: "in", values: ["US"] },
        {
          kind: "or",
          children: [
            { kind: "leaf", attribute: "referrer", op: "contains", values: ["bing"] },
            { kind: "leaf", attribute: "country", op: "notIn", values: ["IN"] },
          ],
        },
      ],
    } as const;
    expect(matches(tree as never, attrs)).toBe(true);
    expect(matches(tree as never, { ...attrs, country: "IN" })).toBe(false);
  });
});

describe("generateScenario", () => {
  const scenario = generateScenario({ experiments: 8, users: 20_000, seed: 7 });

  it("is deterministic", () => {
    const again = generateScenario({ experiments: 8, users: 20_000, seed: 7 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(scenario));
    const other = generateScenario({ experiments: 8, users: 20_000, seed: 8 });
    expect(JSON.stringify(other.experiments)).not.toBe(JSON.stringify(scenario.experiments));
  });

  it("makes distinct users that all carry every attribute", () => {
    expect(new Set(scenario.users.map((u) => u.id)).size).toBe(20_000);
    const keys = Object.keys(scenario.users[0]!.attributes).sort();
    expect(keys.length).toBeGreaterThanOrEqual(6);
    for (const u of scenario.users) expect(Object.keys(u.attributes).sort()).toEqual(keys);
  });

  it("makes experiments of 2–4 variations, partial traffic and nested audiences of 3–6 conditions, about half qualifying", () => {
    for (const e of scenario.experiments) {
      expect(e.variations.length).toBeGreaterThanOrEqual(2);
      expect(e.variations.length).toBeLessThanOrEqual(4);
      expect(e.variations.reduce((s, v) => s + v.share, 0)).toBe(100);
      expect(e.traffic).toBeGreaterThanOrEqual(30);
      expect(e.traffic).toBeLessThan(100);
      const n = conditionCount(e);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(6);
      expect(e.audiences.some((a) => a.kind !== "leaf")).toBe(true);
      expect(e.qualifyingShare).toBeGreaterThanOrEqual(0.45);
      expect(e.qualifyingShare).toBeLessThanOrEqual(0.55);
      const counted = scenario.users.filter((u) => qualifies(e, u.attributes)).length;
      expect(counted / scenario.users.length).toBe(e.qualifyingShare);
      const shares = [...expectedShares(e).values()];
      expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(e.traffic / 100, 10);
    }
  });

  it("makes the smaller project a prefix of the larger one", () => {
    const one = firstExperiments(scenario, 1);
    expect(one.experiments).toEqual([scenario.experiments[0]]);
    expect(one.users).toBe(scenario.users);
  });
});
