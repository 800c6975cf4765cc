import { describe, expect, it } from "vitest";
import { compileCondition } from "../../src/audience/compile";
import { ConditionType, Operator } from "../../src/audience/operators";
import type { ConditionGroup, ConditionLeaf, ConditionNode } from "../../src/settings/types";

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

describe("leaf operators", () => {
  // operator × (attribute present and matching, present and not matching, missing) → expected
  const table: Array<
    [name: string, op: number, values: string[], matching: string, other: string, missing: boolean]
  > = [
    ["1 equals any", Operator.EqualsAny, ["Chrome", "Edge"], "Edge", "Firefox", false],
    ["2 equals none", Operator.EqualsNone, ["Chrome", "Edge"], "Firefox", "Chrome", true],
    [
      "3 contains any",
      Operator.ContainsAny,
      ["iPhone", "iPad"],
      "Apple iPad Pro",
      "Pixel 8",
      false,
    ],
    ["4 contains none", Operator.ContainsNone, ["iPhone", "iPad"], "Pixel 8", "my iPhone 15", true],
  ];

  it.each(table)("operator %s", (_name, op, values, matching, other, missing) => {
    const { matcher, warnings } = compile(leaf("Device", op, values));
    expect(matcher({ Device: matching })).toBe(true);
    expect(matcher({ Device: other })).toBe(false);
    expect(matcher({ OS: "Android" })).toBe(missing);
    expect(matcher({})).toBe(missing);
    expect(warnings).toEqual([]);
  });

  it("has the documented operator codes", () => {
    expect(Operator).toEqual({ EqualsAny: 1, EqualsNone: 2, ContainsAny: 3, ContainsNone: 4 });
    expect(ConditionType).toEqual({ And: 1, Or: 2 });
  });

  it("compares keys and values case-sensitively", () => {
    const equals = compile(leaf("Browser", 1, ["Chrome"])).matcher;
    expect(equals({ Browser: "chrome" })).toBe(false);
    expect(equals({ browser: "Chrome" })).toBe(false);
    const contains = compile(leaf("Browser", 3, ["Chrome"])).matcher;
    expect(contains({ Browser: "HeadlessCHROME" })).toBe(false);
    expect(contains({ Browser: "HeadlessChrome" })).toBe(true);
    const notEquals = compile(leaf("Browser", 2, ["Chrome"])).matcher;
    expect(notEquals({ Browser: "chrome" })).toBe(true);
  });

  it("equals means the whole value, contains means a substring", () => {
    expect(compile(leaf("country", 1, ["IN"])).matcher({ country: "INDIA" })).toBe(false);
    expect(compile(leaf("country", 3, ["IN"])).matcher({ country: "INDIA" })).toBe(true);
  });

  it("an unknown operator never matches (present or missing) and warns", () => {
    const { matcher, warnings } = compile(leaf("Browser", 9, ["Chrome"]));
    expect(matcher({ Browser: "Chrome" })).toBe(false);
    expect(matcher({ Browser: "Firefox" })).toBe(false);
    expect(matcher({ OS: "Linux" })).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("unknown operator 9");
    expect(warnings[0]).toContain('"Browser"');
  });

  it("an empty value list: equals-any never matches, equals-none always does", () => {
    expect(compile(leaf("a", 1, [])).matcher({ a: "x" })).toBe(false);
    expect(compile(leaf("a", 2, [])).matcher({ a: "x" })).toBe(true);
    expect(compile(leaf("a", 3, [])).matcher({ a: "x" })).toBe(false);
    expect(compile(leaf("a", 4, [])).matcher({ a: "x" })).toBe(true);
  });

  it("reads numbers and booleans as strings and ignores other value types", () => {
    const m = compile(leaf("age", 1, ["42", "true"])).matcher;
    expect(m({ age: 42 } as object)).toBe(true);
    expect(m({ age: true } as object)).toBe(true);
    expect(m({ age: ["42"] } as object)).toBe(false);
    expect(compile(leaf("age", 2, ["42"])).matcher({ age: { x: 1 } } as object)).toBe(true);
  });

  it("looks at own attributes only (no prototype leaks)", () => {
    const m = compile(leaf("toString", 3, ["function"])).matcher;
    expect(m({})).toBe(false);
    expect(compile(leaf("__proto__", 1, ["x"])).matcher(JSON.parse('{"__proto__":"x"}'))).toBe(
      true,
    );
    expect(compile(leaf("__proto__", 1, ["x"])).matcher({})).toBe(false);
    const inherited = Object.create({ Browser: "Chrome" }) as object;
    expect(compile(leaf("Browser", 1, ["Chrome"])).matcher(inherited)).toBe(false);
  });
});

describe("groups", () => {
  const chrome = leaf("Browser", 1, ["Chrome"]);
  const india = leaf("country", 1, ["IN"]);

  it("AND needs every condition", () => {
    const m = compile(and(chrome, india)).matcher;
    expect(m({ Browser: "Chrome", country: "IN" })).toBe(true);
    expect(m({ Browser: "Chrome", country: "US" })).toBe(false);
    expect(m({ Browser: "Firefox", country: "IN" })).toBe(false);
  });

  it("OR needs any condition", () => {
    const m = compile(or(chrome, india)).matcher;
    expect(m({ Browser: "Chrome", country: "US" })).toBe(true);
    expect(m({ Browser: "Firefox", country: "IN" })).toBe(true);
    expect(m({ Browser: "Firefox", country: "US" })).toBe(false);
  });

  it("an empty AND matches everyone, an empty OR nobody", () => {
    expect(compile(and()).matcher({})).toBe(true);
    expect(compile(and()).matcher({ a: "b" })).toBe(true);
    expect(compile(or()).matcher({})).toBe(false);
    expect(compile(or()).matcher({ a: "b" })).toBe(false);
  });

  it("a single-child group behaves like its child", () => {
    expect(compile(and(chrome)).matcher({ Browser: "Chrome" })).toBe(true);
    expect(compile(or(chrome)).matcher({ Browser: "Edge" })).toBe(false);
  });

  it("evaluates nested trees", () => {
    // (Browser = Chrome AND (country = IN OR plan contains "pro")) OR Device not in [bot]
    const tree = or(
      and(chrome, or(india, leaf("plan", 3, ["pro"]))),
      and(leaf("Device", 1, ["Tablet"]), leaf("OS", 4, ["Windows"])),
    );
    const m = compile(tree).matcher;
    expect(m({ Browser: "Chrome", country: "IN" })).toBe(true);
    expect(m({ Browser: "Chrome", plan: "enterprise-pro" })).toBe(true);
    expect(m({ Browser: "Chrome", plan: "free" })).toBe(false);
    expect(m({ Device: "Tablet", OS: "iPadOS" })).toBe(true);
    expect(m({ Device: "Tablet" })).toBe(true); // OS missing: contains-none holds
    expect(m({ Device: "Tablet", OS: "Windows 11" })).toBe(false);
    expect(m({ Browser: "Safari", country: "IN" })).toBe(false);
  });

  it("nests empty groups by their own rule", () => {
    expect(compile(and(or(), chrome)).matcher({ Browser: "Chrome" })).toBe(false);
    expect(compile(or(and(), chrome)).matcher({ Browser: "Edge" })).toBe(true);
  });

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

describe("missing tree", () => {
  it("null matches everyone, with or without attributes", () => {
    const { matcher, warnings } = compile(null);
    expect(matcher({})).toBe(true);
    expect(matcher({ Browser: "Anything" })).toBe(true);
    expect(warnings).toEqual([]);
  });
});
