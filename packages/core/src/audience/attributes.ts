import { describe, messageOf } from "../logging/describe";

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

/**
 * Whether `value` is usable as attributes: undefined, null, or a plain object (from any realm).
 * Arrays, typed arrays, class instances, functions and revoked proxies are not. Never throws.
 */
export function isAttributesLike(value: unknown): value is object | undefined | null {
  if (value === undefined || value === null) return true;
  if (typeof value !== "object") return false;
  try {
    if (value instanceof UnreadableAttributes) return false;
    const proto = Object.getPrototypeOf(value);
    return proto === null || Object.getPrototypeOf(proto) === null;
  } catch {
    return false; // a revoked Proxy
  }
}

/**
 * What a value given as attributes is, for log lines: `array(3)`, `Uint8Array`, `a Pricing
 * instance`, `unreadable (reason)`. Never throws.
 */
export function attributesKind(value: unknown): string {
  if (typeof value !== "object" || value === null) return describe(value);
  try {
    if (value instanceof UnreadableAttributes) return `unreadable (${value.reason})`;
    if (Array.isArray(value)) return `array(${value.length})`;
    const name = Object.getPrototypeOf(value)?.constructor?.name;
    return typeof name === "string" && name ? `${describe(name).slice(1, -1)} object` : "object";
  } catch (error) {
    return `unreadable (${messageOf(error)})`;
  }
}

/**
 * Stands for attributes that could not be read (a getter or Proxy trap threw while a user
 * context merged them): the decision refuses it as INVALID_INPUT, saying why.
 */
export class UnreadableAttributes {
  /** Why they could not be read. */
  readonly reason: string;

  constructor(error: unknown) {
    this.reason = messageOf(error);
  }
}

/** `extra` merged over `own` (either may be absent); {@link UnreadableAttributes} when reading throws. */
export function mergeAttributes(
  own: UserAttributes | undefined,
  extra: UserAttributes | undefined,
): UserAttributes | undefined {
  if (extra == null) return own;
  // Either one invalid: pass it on, for the decision to refuse it.
  if (own === undefined || !isAttributesLike(extra)) return extra;
  if (!isAttributesLike(own)) return own;
  try {
    return { ...own, ...extra };
  } catch (error) {
    return new UnreadableAttributes(error) as unknown as UserAttributes;
  }
}
