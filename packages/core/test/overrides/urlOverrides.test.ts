import { describe, expect, it } from "vitest";
import { parseVariationOverrides } from "../../src/overrides/urlOverrides";

describe("parseVariationOverrides", () => {
  it("reads experiment:variation pairs, percent-encoded, several separated by commas", () => {
    expect(parseVariationOverrides("?pagesense=PricingTest:Variation%201,Banner:Red")).toEqual({
      forced: { PricingTest: "Variation 1", Banner: "Red" },
      problems: [],
    });
    expect(parseVariationOverrides("a=1&pagesense=Pricing+Test:Variation+1&b=2").forced).toEqual({
      "Pricing Test": "Variation 1",
    });
    expect(parseVariationOverrides("pagesense=A%3AB:C%2CD").forced).toEqual({ "A:B": "C,D" });
  });

  it("gives nothing without the parameter, and the last entry for an experiment wins", () => {
    expect(parseVariationOverrides("")).toEqual({ forced: {}, problems: [] });
    expect(parseVariationOverrides("?other=PricingTest:Original").forced).toEqual({});
    expect(parseVariationOverrides("?pagesense=E:A&pagesense=E:B,F:C").forced).toEqual({
      E: "B",
      F: "C",
    });
  });

  it("reports malformed entries and keeps the good ones", () => {
    const { forced, problems } = parseVariationOverrides(
      "?pagesense=PricingTest,:Original,Banner:,Bad:%E0%A4%A,Banner:Red",
    );
    expect(forced).toEqual({ Banner: "Red" });
    expect(problems).toEqual([
      '"PricingTest" is not experiment:variation',
      '":Original" is not experiment:variation',
      '"Banner:" is not experiment:variation',
      '"Bad:%E0%A4%A" is not experiment:variation',
    ]);
  });

  it("never throws on input that is not a string", () => {
    // @ts-expect-error: not a string
    expect(parseVariationOverrides(undefined)).toEqual({ forced: {}, problems: [] });
  });
});
