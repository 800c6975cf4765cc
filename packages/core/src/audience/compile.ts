import type { ConditionNode } from "../settings/types";
import { readAttribute } from "./attributes";
import { ConditionType, Operator } from "./operators";

/** A compiled audience condition: true when the attributes match. */
export type Matcher = (attributes: object) => boolean;

const always: Matcher = () => true;
const never: Matcher = () => false;

/**
 * Compiles an `audience_condition_json` tree into a matcher once, at settings-index time, so a
 * decision runs plain closures. `warn` receives problems (unknown operator or group type).
 * A missing tree matches everyone.
 */
export function compileCondition(
  node: ConditionNode | null,
  warn: (message: string) => void,
  path = "audience_condition_json",
): Matcher {
  if (node === null) return always;
  if ("condition_type" in node) {
    const children = node.conditions.map((c, i) =>
      compileCondition(c, warn, `${path}.conditions[${i}]`),
    );
    if (node.condition_type === ConditionType.And) {
      if (children.length === 0) return always;
      if (children.length === 1) return children[0]!;
      return (attrs) => {
        for (const child of children) if (!child(attrs)) return false;
        return true;
      };
    }
    if (node.condition_type === ConditionType.Or) {
      if (children.length === 0) return never;
      if (children.length === 1) return children[0]!;
      return (attrs) => {
        for (const child of children) if (child(attrs)) return true;
        return false;
      };
    }
    warn(`${path}: unknown condition_type ${node.condition_type}; the condition never matches`);
    return never;
  }
  const name = node.attribute_name;
  const values = node.values;
  switch (node.operator) {
    case Operator.EqualsAny: {
      const set = new Set(values);
      return (attrs) => {
        const v = readAttribute(attrs, name);
        return v !== undefined && set.has(v);
      };
    }
    case Operator.EqualsNone: {
      const set = new Set(values);
      return (attrs) => {
        const v = readAttribute(attrs, name);
        return v === undefined || !set.has(v);
      };
    }
    case Operator.ContainsAny:
      return (attrs) => {
        const v = readAttribute(attrs, name);
        return v !== undefined && containsAny(v, values);
      };
    case Operator.ContainsNone:
      return (attrs) => {
        const v = readAttribute(attrs, name);
        return v === undefined || !containsAny(v, values);
      };
    default:
      warn(`${path}: unknown operator ${node.operator} on "${name}"; the condition never matches`);
      return never;
  }
}

function containsAny(value: string, needles: readonly string[]): boolean {
  for (const n of needles) if (value.includes(n)) return true;
  return false;
}
