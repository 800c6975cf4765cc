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
    const type = node.condition_type;
    // AND: false at the first child that is false, else true; OR the other way round.
    const and = type === ConditionType.And;
    if (!and && type !== ConditionType.Or) {
      warn(`${path}: unknown condition_type ${type}; never matches`);
      return never;
    }
    const children = node.conditions.map((c, i) =>
      compileCondition(c, warn, `${path}.conditions[${i}]`),
    );
    if (children.length === 1) return children[0]!;
    return (attrs) => {
      for (const child of children) if (child(attrs) !== and) return !and;
      return and;
    };
  }
  const { attribute_name: name, values, operator } = node;
  const set = new Set(values);
  // Operators 2 and 4 are the negations of 1 and 3; a missing attribute matches only those.
  const negated = operator === Operator.EqualsNone || operator === Operator.ContainsNone;
  const equals = operator === Operator.EqualsAny || operator === Operator.EqualsNone;
  if (!negated && !equals && operator !== Operator.ContainsAny) {
    warn(`${path}: unknown operator ${operator} on "${name}"; never matches`);
    return never;
  }
  return (attrs) => {
    const v = readAttribute(attrs, name);
    return v === undefined ? negated : (equals ? set.has(v) : containsAny(v, values)) !== negated;
  };
}

function containsAny(value: string, needles: readonly string[]): boolean {
  for (const n of needles) if (value.includes(n)) return true;
  return false;
}
