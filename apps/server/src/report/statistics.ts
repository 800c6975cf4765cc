import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";

/** Confidence level of the intervals and of the "significant" verdict. */
export const CONFIDENCE_LEVEL = 0.95;

/** Two-sided critical value of the standard normal for a confidence level (1.959964 for 95%). */
export function criticalValue(level = CONFIDENCE_LEVEL): number {
  return normalQuantile(1 - (1 - level) / 2, 0, 1);
}

/**
 * Wilson score interval of a proportion `successes / trials`: well-behaved for small samples and
 * rates near 0 or 1 (unlike the normal approximation). Null when there are no trials.
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  level = CONFIDENCE_LEVEL,
): [number, number] | null {
  if (trials <= 0) return null;
  const z = criticalValue(level);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials))) / (1 + z2n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Result of {@link twoProportionZTest}. */
export interface ZTestResult {
  /** (rate B − rate A) / pooled standard error. */
  z: number;
  /** Two-sided p-value: chance of a difference at least this large if the rates were equal. */
  pValue: number;
}

/**
 * Pooled two-proportion z-test of `xB/nB` against `xA/nA` (two-sided). Null when a group has no
 * trials or the pooled rate is 0 or 1 (no variance: nothing to test yet).
 */
export function twoProportionZTest(
  xA: number,
  nA: number,
  xB: number,
  nB: number,
): ZTestResult | null {
  if (nA <= 0 || nB <= 0) return null;
  const pooled = (xA + xB) / (nA + nB);
  if (pooled <= 0 || pooled >= 1) return null;
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  const z = (xB / nB - xA / nA) / se;
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z), 0, 1)));
  return { z, pValue };
}
