/** Float noise tolerated around an integer bucket boundary (boundaries are at most 10 000). */
const EPSILON = 1e-7;

/**
 * `x`, or the integer it is meant to be when float arithmetic missed it by rounding noise
 * (`1.13 * 100 === 112.99999999999999`), so the layout follows the spec's exact decimal formula.
 */
function snap(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) < EPSILON ? r : x;
}

/** Width of the in-traffic bucket space of a permitted traffic %: `permitted_traffic * 100`. */
export function trafficWidth(permittedTraffic: number): number {
  return snap(permittedTraffic * 100);
}

/**
 * Exclusive upper bucket bound of each variation, laid out in array order over
 * `[0, permitted_traffic * 100)`, each as wide as its share of the sum of all shares:
 * `end_i = floor(cum_i * (permitted * 100) / total)`.
 * A total of 0 gives every variation an empty range.
 */
export function variationRangeEnds(
  permittedTraffic: number,
  shares: readonly number[],
): Int32Array {
  const ends = new Int32Array(shares.length);
  const width = trafficWidth(permittedTraffic);
  let total = 0;
  for (const s of shares) total += s;
  if (total <= 0) return ends;
  let cumulative = 0;
  for (let i = 0; i < shares.length; i++) {
    cumulative += shares[i]!;
    ends[i] = Math.floor(snap((cumulative * width) / total));
  }
  return ends;
}

/** Index of the variation whose range holds `bucket`, or -1 when none does. */
export function findVariation(ends: Int32Array, bucket: number): number {
  for (let i = 0; i < ends.length; i++) {
    if (bucket < ends[i]!) return i;
  }
  return -1;
}
