import { describe, expect, it } from "vitest";
import { criticalValue, twoProportionZTest, wilsonInterval } from "../../src";

// Expected values worked out from the formulas (Φ from standard normal tables / an independent
// implementation), not from this code.
describe("statistics", () => {
  it("uses z = 1.959964 for 95% (and 1.644854 for 90%)", () => {
    expect(criticalValue()).toBeCloseTo(1.959964, 6);
    expect(criticalValue(0.9)).toBeCloseTo(1.644854, 6);
  });

  it("Wilson score interval", () => {
    // 4/20: p = 0.2, z²/n = 0.192072; centre = (0.2 + 0.096036) / 1.192072 = 0.248337,
    // half = 1.959964 × √(0.008 + 0.0024009) / 1.192072 = 0.167680.
    const [lo, hi] = wilsonInterval(4, 20)!;
    expect(lo).toBeCloseTo(0.080658, 5);
    expect(hi).toBeCloseTo(0.416017, 5);
    const half = wilsonInterval(10, 20)!;
    expect(half[0]).toBeCloseTo(0.299298, 5);
    expect(half[1]).toBeCloseTo(0.700702, 5);
    // Edges stay inside [0, 1] and are not degenerate.
    const none = wilsonInterval(0, 20)!;
    expect(none[0]).toBe(0);
    expect(none[1]).toBeCloseTo(0.161125, 5);
    const all = wilsonInterval(20, 20)!;
    expect(all[0]).toBeCloseTo(0.838875, 5);
    expect(all[1]).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it("pooled two-proportion z-test, two-sided", () => {
    // 10/100 vs 20/100: pooled 0.15, se = √(0.15 × 0.85 × 0.02) = 0.050498, z = 0.1 / se = 1.980295,
    // p = 2 × (1 − Φ(1.980295)) = 0.047670.
    const a = twoProportionZTest(10, 100, 20, 100)!;
    expect(a.z).toBeCloseTo(1.980295, 5);
    expect(a.pValue).toBeCloseTo(0.04767, 5);
    // 230/1000 vs 200/1000 (a variation doing worse): z negative, same p as the mirror case.
    const b = twoProportionZTest(230, 1000, 200, 1000)!;
    expect(b.z).toBeCloseTo(-1.632872, 5);
    expect(b.pValue).toBeCloseTo(0.102496, 5);
    // Equal rates: z = 0, p = 1.
    expect(twoProportionZTest(8, 20, 8, 20)).toEqual({ z: 0, pValue: 1 });
  });

  it("has nothing to test without visitors or without variance", () => {
    expect(twoProportionZTest(0, 0, 1, 10)).toBeNull();
    expect(twoProportionZTest(0, 10, 0, 10)).toBeNull();
    expect(twoProportionZTest(10, 10, 5, 5)).toBeNull();
  });
});
