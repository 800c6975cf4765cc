/** User attributes: a flat string → string map used for targeting and report segments. */
export type UserAttributes = Readonly<Record<string, string>>;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The string value of attribute `name`, or `undefined` when it is absent. Own properties only
 * (so `__proto__` or `toString` never leak in); numbers and booleans are read as strings.
 */
export function readAttribute(attributes: object, name: string): string | undefined {
  if (!hasOwn.call(attributes, name)) return undefined;
  const v = (attributes as Record<string, unknown>)[name];
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

/** Whether `attributes` is absent or has no own keys (the "no attributes" rule). */
export function isEmptyAttributes(attributes: object | undefined): boolean {
  if (attributes === undefined) return true;
  for (const key in attributes) {
    if (hasOwn.call(attributes, key)) return false;
  }
  return true;
}

/** Whether `value` is usable as an attributes map (a non-array object or undefined/null). */
export function isAttributesLike(value: unknown): value is object | undefined | null {
  return (
    value === undefined || value === null || (typeof value === "object" && !Array.isArray(value))
  );
}
