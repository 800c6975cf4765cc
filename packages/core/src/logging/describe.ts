const MAX = 80;

/** A short, safe rendering of any value for log lines (never throws, never huge). */
export function describe(value: unknown): string {
  try {
    if (typeof value === "string") {
      return JSON.stringify(value.length > MAX ? `${value.slice(0, MAX)}…` : value);
    }
    if (value === null || value === undefined) return String(value);
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (Array.isArray(value)) return `array(${value.length})`;
    return typeof value;
  } catch {
    return "<unprintable>";
  }
}

/** The message of a thrown value (never throws). */
export function messageOf(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "unknown error";
  }
}
