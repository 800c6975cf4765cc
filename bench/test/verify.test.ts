import { describe, expect, it } from "vitest";
import { generateScenario } from "../src/scenario/generate";
import type { Scenario } from "../src/scenario/model";
import { growthBookSdk } from "../src/sdks/growthbook";
import { optimizelySdk } from "../src/sdks/optimizely";
import { pageSense } from "../src/sdks/pagesense";
import type { SdkUnderTest } from "../src/sdks/types";
import { verify } from "../src/verify";

// 20 000 users: the per-user qualification check is exact; shares get a 3% tolerance at this size
// (the benchmark uses 200 000 users and 1%).
const scenario = generateScenario({ experiments: 4, users: 20_000, seed: 11 });
const plan = new Uint8Array(scenario.users.length).map((_, i) => i % 4);

describe("each SDK's translation of the scenario does the same work", () => {
  for (const sdk of [
    pageSense,
    optimizelySdk("legacy"),
    optimizelySdk("decide"),
    growthBookSdk("client"),
    growthBookSdk("scoped"),
  ]) {
    it(`${sdk.label} (${sdk.calls.decide})`, async () => {
      const checks = await verify(sdk, scenario, plan, 0.03);
      expect(checks).toHaveLength(4);
      for (const c of checks) {
        expect(c.nonQualifyingAssigned).toBe(0);
        expect(c.variations.length).toBeGreaterThanOrEqual(2);
        for (const v of c.variations) expect(Math.abs(v.observed - v.expected)).toBeLessThan(0.03);
      }
    });
  }
});

describe("verify rejects an SDK that does less", () => {
  /** PageSense configured from a distorted scenario, claiming to run the real one. */
  const distorted = (change: (s: Scenario) => Scenario): SdkUnderTest => ({
    ...pageSense,
    label: "distorted",
    create: (s, mode) => pageSense.create(change(s), mode),
  });

  it("when the audiences are skipped", async () => {
    const noAudience = distorted((s) => ({
      ...s,
      experiments: s.experiments.map((e) => ({
        ...e,
        audiences: [{ kind: "and", children: [] }],
      })),
    }));
    await expect(verify(noAudience, scenario, plan, 0.03)).rejects.toThrow(/outside the audience/);
  });

  it("when traffic is lower than configured", async () => {
    const lessTraffic = distorted((s) => ({
      ...s,
      experiments: s.experiments.map((e) => ({ ...e, traffic: Math.max(1, e.traffic - 10) })),
    }));
    await expect(verify(lessTraffic, scenario, plan, 0.03)).rejects.toThrow(/share/);
  });
});
