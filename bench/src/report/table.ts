/** One row of the comparison: a metric and its value per SDK (smaller is better). */
export interface Row {
  metric: string;
  unit: "ns" | "bytes";
  /** null: the SDK has no such thing (printed as "—"). */
  values: { pagesense: number | null; optimizely: number | null; growthbook: number | null };
  /** Print ratios to ours (default true; off where values are at noise level). */
  ratios?: boolean;
}

function format(value: number | null, unit: Row["unit"]): string {
  if (value === null) return "—";
  if (unit === "ns")
    return value >= 1000 ? `${(value / 1000).toFixed(2)} µs` : `${value.toFixed(0)} ns`;
  const kb = value / 1024;
  if (Math.abs(kb) >= 1024) return `${(kb / 1024).toFixed(1)} MB`;
  return `${kb.toFixed(1)} KB`;
}

function ratio(value: number | null, ours: number | null): string {
  if (value === null || ours === null || ours <= 0 || value <= 0) return "";
  return ` (×${(value / ours).toFixed(1)})`;
}

/** The comparison as one markdown table: ours, then the peers with their ratio to ours. */
export function markdownTable(
  rows: Row[],
  headers: { optimizely: string; growthbook: string; pagesense: string },
): string {
  const lines = [
    `| metric (lower is better) | ${headers.pagesense} | ${headers.optimizely} | ${headers.growthbook} |`,
    "|---|---:|---:|---:|",
  ];
  for (const r of rows) {
    const { pagesense, optimizely, growthbook } = r.values;
    const x = (v: number | null) => (r.ratios === false ? "" : ratio(v, pagesense));
    lines.push(
      `| ${r.metric} | ${format(pagesense, r.unit)} | ${format(optimizely, r.unit)}${x(optimizely)} | ${format(growthbook, r.unit)}${x(growthbook)} |`,
    );
  }
  return lines.join("\n");
}
