import { describe, expect, it } from "vitest";
import { isAttributesLike, isEmptyAttributes, readAttribute } from "../../src/audience/attributes";

describe("readAttribute", () => {
  it("reads own string values by exact key", () => {
    expect(readAttribute({ Browser: "Chrome" }, "Browser")).toBe("Chrome");
    expect(readAttribute({ Browser: "Chrome" }, "browser")).toBeUndefined();
    expect(readAttribute({ Browser: "" }, "Browser")).toBe("");
  });

  it("reads numbers and booleans as strings", () => {
    expect(readAttribute({ age: 42 }, "age")).toBe("42");
    expect(readAttribute({ vip: false }, "vip")).toBe("false");
  });

  it("treats other value types as absent", () => {
    expect(readAttribute({ a: null }, "a")).toBeUndefined();
    expect(readAttribute({ a: undefined }, "a")).toBeUndefined();
    expect(readAttribute({ a: {} }, "a")).toBeUndefined();
    expect(readAttribute({ a: ["x"] }, "a")).toBeUndefined();
    expect(readAttribute({ a: Symbol("x") }, "a")).toBeUndefined();
  });

  it("never reads inherited properties", () => {
    expect(readAttribute({}, "toString")).toBeUndefined();
    expect(readAttribute({}, "__proto__")).toBeUndefined();
    expect(readAttribute({}, "constructor")).toBeUndefined();
    expect(readAttribute(Object.create({ a: "x" }) as object, "a")).toBeUndefined();
  });

  it("reads an own __proto__ key from parsed JSON", () => {
    expect(readAttribute(JSON.parse('{"__proto__":"yes"}'), "__proto__")).toBe("yes");
  });

  it("works on prototype-less objects", () => {
    const attrs = Object.create(null) as Record<string, string>;
    attrs.country = "IN";
    expect(readAttribute(attrs, "country")).toBe("IN");
  });
});

describe("isEmptyAttributes", () => {
  it("is true for undefined and for objects without own keys", () => {
    expect(isEmptyAttributes(undefined)).toBe(true);
    expect(isEmptyAttributes({})).toBe(true);
    expect(isEmptyAttributes(Object.create({ inherited: "x" }) as object)).toBe(true);
    expect(isEmptyAttributes(Object.create(null) as object)).toBe(true);
  });

  it("is false once any own key exists", () => {
    expect(isEmptyAttributes({ a: "b" })).toBe(false);
    expect(isEmptyAttributes(JSON.parse('{"__proto__":"x"}'))).toBe(false);
  });
});

describe("isAttributesLike", () => {
  it("accepts plain objects, undefined and null", () => {
    expect(isAttributesLike({})).toBe(true);
    expect(isAttributesLike(undefined)).toBe(true);
    expect(isAttributesLike(null)).toBe(true);
  });

  it("rejects arrays and primitives", () => {
    for (const bad of [[], ["a"], "a", 1, true, () => ({})])
      expect(isAttributesLike(bad)).toBe(false);
  });
});
