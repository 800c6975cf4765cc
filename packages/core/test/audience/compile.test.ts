import { describe, expect, it } from "vitest";
import { compileCondition } from "../../src/audience/compile";
import { ConditionType, Operator } from "../../src/audience/operators";
import type { ConditionGroup, ConditionLeaf, ConditionNode } from "../../src/settings/types";
import { cases } from "../fixtures/cases";

const leaf = (attribute: string, operator: number, values: string[]): ConditionLeaf => ({
  attribute_name: attribute,
  operator,
  values,
  type: "string",
});
const and = (...conditions: ConditionNode[]): ConditionGroup => ({
  condition_type: ConditionType.And,
  conditions,
});
const or = (...conditions: ConditionNode[]): ConditionGroup => ({
  condition_type: ConditionType.Or,
  conditions,
});

function compile(node: ConditionNode | null) {
  const warnings: string[] = [];
  const matcher = compileCondition(node, (m) => warnings.push(m));
  return { matcher, warnings };
}

// spec/cases.json "audience": operators 1-4 (attribute present, other value, missing), case
// sensitivity, equals vs contains, unknown operators and condition types (never match, warn at
// load), empty value lists, number/boolean/array/object values, own keys only, AND/OR, empty and
// single-child groups, a nested tree, and the missing (null) tree.
describe("audience vectors", () => {
  it.each(cases.audience)("$name", ({ condition, attributes, matches, warns }) => {
    const { matcher, warnings } = compile(condition);
    expect(matcher(attributes)).toBe(matches);
    if (warns) expect(warnings.length).toBeGreaterThan(0);
    else expect(warnings).toEqual([]);
  });
});

describe("leaf operators", () => {
  it("has the documented operator codes", () => {
    expect(Operator).toEqual({ EqualsAny: 1, EqualsNone: 2, ContainsAny: 3, ContainsNone: 4 });
    expect(ConditionType).toEqual({ And: 1, Or: 2 });
  });

  it("an unknown operator warns once, naming the operator and the attribute", () => {
    const { warnings } = compile(leaf("Browser", 9, ["Chrome"]));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("unknown operator 9");
    expect(warnings[0]).toContain('"Browser"');
  });

  it("looks at own attributes only (no prototype leaks)", () => {
    const inherited = Object.create({ Browser: "Chrome" }) as object;
    expect(compile(leaf("Browser", 1, ["Chrome"])).matcher(inherited)).toBe(false);
  });
});

describe("groups", () => {
  const chrome = leaf("Browser", 1, ["Chrome"]);
  const india = leaf("country", 1, ["IN"]);

  it("an unknown condition_type never matches and warns with the path", () => {
    const warnings: string[] = [];
    const m = compileCondition(
      and(chrome, { condition_type: 7, conditions: [chrome] }),
      (w) => warnings.push(w),
      "audiences[0]",
    );
    expect(m({ Browser: "Chrome" })).toBe(false);
    expect(warnings).toEqual([
      "audiences[0].conditions[1]: unknown condition_type 7; never matches",
    ]);
  });

  it("names the nested path of an unknown operator", () => {
    const { warnings } = compile(and(chrome, or(india, leaf("x", 0, []))));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^audience_condition_json\.conditions\[1\]\.conditions\[1\]: unknown operator 0/,
    );
  });
});
