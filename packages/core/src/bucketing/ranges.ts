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
  const width = permittedTraffic * 100;
  let total = 0;
  for (const s of shares) total += s;
  if (total <= 0) return ends;
  let cumulative = 0;
  for (let i = 0; i < shares.length; i++) {
    cumulative += shares[i]!;
    ends[i] = Math.floor((cumulative * width) / total);
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
