import { describe, expect, it } from "vitest";
import { findVariation, variationRangeEnds } from "../../src/bucketing/ranges";

const ends = (permitted: number, shares: number[]) => [...variationRangeEnds(permitted, shares)];

/** The spec formula in exact integer arithmetic (shares and permitted given in hundredths). */
function exactEnds(permittedHundredths: number, sharesHundredths: number[]): number[] {
  const total = sharesHundredths.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  return sharesHundredths.map((s) => {
    cumulative += s;
    return total === 0 ? 0 : Math.floor((cumulative * permittedHundredths) / total);
  });
}

describe("variationRangeEnds", () => {
  it("lays out shares that sum to 100 over the whole bucket space at 100% traffic", () => {
    expect(ends(100, [50, 50])).toEqual([5000, 10000]);
    expect(ends(100, [10, 30, 60])).toEqual([1000, 4000, 10000]);
    expect(ends(100, [100])).toEqual([10000]);
  });

  it("scales shares that sum to 100 into a partial permitted traffic", () => {
    expect(ends(50, [50, 50])).toEqual([2500, 5000]);
    expect(ends(50, [10, 30, 60])).toEqual([500, 2000, 5000]);
  });

  it("uses shares that sum to the permitted traffic as they are", () => {
    expect(ends(50, [25, 25])).toEqual([2500, 5000]);
    expect(ends(60, [10, 20, 30])).toEqual([1000, 3000, 6000]);
  });

  it("gives every variation an empty range at 0% traffic", () => {
    expect(ends(0, [50, 50])).toEqual([0, 0]);
  });

  it("gives every variation an empty range when all shares are zero", () => {
    expect(ends(100, [0, 0, 0])).toEqual([0, 0, 0]);
    expect(ends(100, [])).toEqual([]);
  });

  it("gives a zero share an empty range between its neighbours", () => {
    expect(ends(100, [50, 0, 50])).toEqual([5000, 5000, 10000]);
    expect(ends(100, [0, 100])).toEqual([0, 10000]);
  });

  it("computes end_i = floor(cum_i * permitted*100 / total) at uneven boundaries", () => {
    // 10000 / 3 = 3333.33 → 3333, 6666.67 → 6666
    expect(ends(100, [1, 1, 1])).toEqual([3333, 6666, 10000]);
    // 7 * 4000 / 3 = 9333.33 → permitted 70, shares 1/1/1: 2333.33, 4666.67, 7000
    expect(ends(70, [1, 1, 1])).toEqual([2333, 4666, 7000]);
    // shares 33/33/34 at 99% traffic: 3267, 6534, 9900
    expect(ends(99, [33, 33, 34])).toEqual([3267, 6534, 9900]);
    // shares 1/2 at 25%: 833.33 → 833, 2500
    expect(ends(25, [1, 2])).toEqual([833, 2500]);
  });

  it("follows the exact formula for two-decimal shares and permitted traffic (no float drift)", () => {
    // Float arithmetic makes 1.13 * 100 = 112.99999999999999: the layout must still end at 113.
    expect(ends(1.13, [50, 50])).toEqual([56, 113]);
    expect(ends(0.57, [1])).toEqual([57]);
    expect(ends(100, [0.57, 99.43])).toEqual([57, 10000]);
    expect(ends(100, [33.33, 33.33, 33.34])).toEqual([3333, 6666, 10000]);
    for (let p = 0; p <= 10000; p += 1) {
      const permitted = p / 100;
      expect(ends(permitted, [50, 50]), `permitted ${permitted}`).toEqual(exactEnds(p, [50, 50]));
    }
    for (let a = 1; a < 10000; a += 1) {
      const shares = [a / 100, (10000 - a) / 100];
      expect(ends(100, shares), `shares ${shares}`).toEqual(exactEnds(10000, [a, 10000 - a]));
    }
  });

  it("always ends the last non-empty range at permitted*100", () => {
    for (const permitted of [1, 7, 33, 50, 99, 100]) {
      for (const shares of [[1], [1, 2], [3, 3, 3], [10, 30, 60], [0.1, 0.2, 0.3, 0.4]]) {
        const e = ends(permitted, shares);
        expect(e[e.length - 1]).toBe(permitted * 100);
        for (let i = 1; i < e.length; i++) expect(e[i]).toBeGreaterThanOrEqual(e[i - 1]!);
      }
    }
  });
});

describe("findVariation", () => {
  const layout = variationRangeEnds(100, [10, 30, 60]);

  it("picks the first range holding the bucket, with exclusive upper ends", () => {
    expect(findVariation(layout, 0)).toBe(0);
    expect(findVariation(layout, 999)).toBe(0);
    expect(findVariation(layout, 1000)).toBe(1);
    expect(findVariation(layout, 3999)).toBe(1);
    expect(findVariation(layout, 4000)).toBe(2);
    expect(findVariation(layout, 9999)).toBe(2);
  });

  it("returns -1 beyond the last range", () => {
    const half = variationRangeEnds(50, [50, 50]);
    expect(findVariation(half, 4999)).toBe(1);
    expect(findVariation(half, 5000)).toBe(-1);
    expect(findVariation(half, 9999)).toBe(-1);
  });

  it("skips empty ranges", () => {
    const withEmpty = variationRangeEnds(100, [50, 0, 50]);
    expect(findVariation(withEmpty, 4999)).toBe(0);
    expect(findVariation(withEmpty, 5000)).toBe(2);
    expect(findVariation(variationRangeEnds(100, [0, 0]), 0)).toBe(-1);
  });
});
