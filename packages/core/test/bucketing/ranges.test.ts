import { describe, expect, it } from "vitest";
import { findVariation, variationRangeEnds } from "../../src/bucketing/ranges";
import { cases } from "../fixtures/cases";

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
  // spec/cases.json "ranges": shares summing to 100 or to the permitted traffic, 0% traffic, zero
  // shares, uneven boundaries (end_i = floor(cum_i * permitted*100 / total)), two-decimal values.
  it.each(cases.ranges)("$name", ({ permittedTraffic, shares, ends: expected }) => {
    expect(ends(permittedTraffic, shares)).toEqual(expected);
  });

  it("follows the exact formula for every two-decimal share and permitted traffic (no float drift)", () => {
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
  // spec/cases.json "variationForBucket": the first range holding the bucket (upper ends
  // exclusive), empty ranges skipped, null (-1 here) beyond the last range.
  it.each(cases.variationForBucket)(
    "$name: bucket $bucket → $variation",
    ({ permittedTraffic, shares, bucket, variation }) => {
      expect(findVariation(variationRangeEnds(permittedTraffic, shares), bucket)).toBe(
        variation ?? -1,
      );
    },
  );
});
