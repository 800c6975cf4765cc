import { describe, expect, it } from "vitest";
import { ConfigurationError, resolveOptions } from "../../src/client/options";
import { specExample } from "../fixtures/settings";

const base = { settings: specExample() };

describe("resolveOptions", () => {
  it.each([
    ["baseUrl", 10n],
    ["baseUrl", { href: "http://x" }],
    ["sdkKey", 42],
    ["accountId", Symbol("a")],
    ["projectName", ["a"]],
    ["portal", true],
  ])("rejects a non-string %s with a ConfigurationError, never a TypeError", (key, value) => {
    const call = () => resolveOptions({ ...base, [key]: value });
    expect(call).toThrow(ConfigurationError);
    expect(call).toThrow(`options.${key} must be a non-empty string`);
  });

  it("gives the agreed defaults for the new options", () => {
    const { resolved, warnings } = resolveOptions(base);
    expect(warnings).toEqual([]);
    // Undefined: the runtime's default (servers 1 000, browsers 6; see assembleClient).
    expect(resolved.maxConcurrentRequests).toBeUndefined();
    expect(resolved.eventMethod).toBe("POST");
    expect(resolved.forcedVariations).toBeUndefined();
    expect(resolved.waitUntil).toBeUndefined();
  });

  it("takes valid new options", () => {
    const waitUntil = (_: Promise<unknown>) => {};
    const { resolved, warnings } = resolveOptions({
      ...base,
      waitUntil,
      maxConcurrentRequests: 4,
      eventMethod: "GET",
      forcedVariations: { PricingTest: "Original" },
    });
    expect(warnings).toEqual([]);
    expect(resolved.waitUntil).toBe(waitUntil);
    expect(resolved.maxConcurrentRequests).toBe(4);
    expect(resolved.eventMethod).toBe("GET");
    expect(resolved.forcedVariations).toEqual({ PricingTest: "Original" });
  });

  it("falls back, with one warning each, for unusable new options", () => {
    const { resolved, warnings } = resolveOptions({
      ...base,
      waitUntil: "soon",
      maxConcurrentRequests: 0,
      eventMethod: "PUT",
      forcedVariations: { PricingTest: 1 },
      unrefTimers: "yes",
    });
    expect([...warnings].sort()).toEqual([
      'eventMethod "PUT" is not one of POST, GET; using POST',
      "forcedVariations object is not an object of strings (experiment name → variation name); using none",
      "maxConcurrentRequests 0 is not a number from 1 to 65536; using the runtime's default",
      'unrefTimers "yes" is not a boolean; using false',
      'waitUntil "soon" is not a function; using none',
    ]);
    expect(resolved).toMatchObject({ maxConcurrentRequests: undefined, eventMethod: "POST" });
  });
});
