import { EXPERIMENT_STATUS_RUNNING } from "@pagesense/core";

/** "12.34%" (null → "–"). */
export function percent(value: number | null, digits = 2): string {
  return value === null ? "–" : `${(value * 100).toFixed(digits)}%`;
}

/** "+150.0%" / "−12.5%" relative change (null → "–"). */
export function signedPercent(value: number | null): string {
  if (value === null) return "–";
  const text = `${Math.abs(value * 100).toFixed(1)}%`;
  return value > 0 ? `+${text}` : value < 0 ? `\u2212${text}` : text;
}

/** A number with grouping and at most `digits` decimals. */
export function number(value: number | null, digits = 2): string {
  return value === null
    ? "–"
    : value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** An amount of money with grouping and exactly two decimals: "1,234.50" (null → "–"). */
export function money(value: number | null): string {
  return value === null
    ? "–"
    : value.toLocaleString("en-US", { maximumFractionDigits: 2, minimumFractionDigits: 2 });
}

/** A p-value: "< 0.0001" below that, else 4 decimals (null → "–"). */
export function pValue(value: number | null): string {
  if (value === null) return "–";
  return value < 0.0001 ? "< 0.0001" : value.toFixed(4);
}

/** An experiment status for people: "running", else "not running (<code>)". */
export function statusLabel(status: number): string {
  return status === EXPERIMENT_STATUS_RUNNING ? "running" : `not running (${status})`;
}
