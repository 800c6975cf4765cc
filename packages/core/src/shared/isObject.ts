/** Whether `v` is an object that is not null and not an array (JSON's objects, option bags). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
