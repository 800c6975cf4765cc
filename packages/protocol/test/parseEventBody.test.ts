import { describe, expect, it } from "vitest";
import { parseEventBody } from "../src";
import { goalRecord, visitRecord } from "./records";

describe("parseEventBody", () => {
  it("returns a normalised copy: lk as a number, missing fsca as [], extra fields dropped", () => {
    const { fsca: _ignored, ...noAttributes } = visitRecord("V0");
    const parsed = parseEventBody("visit", {
      furd: { f: "u", extra: 1 },
      fvrd: [{ ...noAttributes, lk: "7", debug: true }],
    });
    expect(parsed).toEqual({
      ok: true,
      kind: "visit",
      payload: {
        furd: { f: "u" },
        fvrd: [{ a: "demo", b: "EXP1", c: "V0", p: "P1", ek: "ENV1", lk: 7, fsca: [] }],
      },
    });
  });

  it("accepts null fsca as no attributes and an empty attribute name", () => {
    const parsed = parseEventBody("visit", {
      furd: { f: "u" },
      fvrd: [
        { ...visitRecord(), fsca: null },
        { ...visitRecord(), fsca: [{ ln: "", v: "x" }] },
      ],
    });
    expect(parsed.ok && parsed.kind === "visit" && parsed.payload.fvrd.map((r) => r.fsca)).toEqual([
      [],
      [{ ln: "", v: "x" }],
    ]);
  });

  it("keeps revenue only when given; null rv means none", () => {
    const withRevenue = parseEventBody("goal", {
      furd: { f: "u" },
      fgrd: [goalRecord("V0", "purchase", 0)],
    });
    expect(withRevenue.ok && withRevenue.kind === "goal" && withRevenue.payload.fgrd[0]!.rv).toBe(
      0,
    );
    const nullRevenue = parseEventBody("goal", {
      furd: { f: "u" },
      fgrd: [{ ...goalRecord("V0", "purchase"), rv: null }],
    });
    expect(
      nullRevenue.ok && nullRevenue.kind === "goal" && "rv" in nullRevenue.payload.fgrd[0]!,
    ).toBe(false);
  });

  it("names the first bad field", () => {
    expect(
      parseEventBody("goal", { furd: { f: "u" }, fgrd: [goalRecord("V0", "x", Number.NaN)] }),
    ).toEqual({
      ok: false,
      error: "fgrd[0].rv must be a finite number when present",
    });
    expect(parseEventBody("visit", { furd: { f: "u" }, fvrd: [null] })).toEqual({
      ok: false,
      error: "fvrd[0] must be an object",
    });
    expect(
      parseEventBody("visit", { furd: { f: "u" }, fvrd: [{ ...visitRecord(), fsca: {} }] }),
    ).toEqual({
      ok: false,
      error: "fvrd[0].fsca must be an array",
    });
    expect(parseEventBody("visit", [])).toEqual({
      ok: false,
      error: "the body must be a JSON object",
    });
    expect(
      parseEventBody("visit", {
        furd: { f: "u" },
        fvrd: [visitRecord(), { ...visitRecord(), ek: 3 }],
      }),
    ).toEqual({
      ok: false,
      error: "fvrd[1].ek must be a non-empty string",
    });
  });

  it.each([
    ["a fractional lk", { lk: 1.5 }, "fvrd[0].lk must be an integer"],
    ["a non-digit lk string", { lk: "1a" }, "fvrd[0].lk must be an integer"],
    ["a missing lk", { lk: undefined }, "fvrd[0].lk must be an integer"],
    ["an attribute without a name", { fsca: [{ v: "x" }] }, "fvrd[0].fsca[0].ln must be a string"],
    [
      "a number attribute value",
      { fsca: [{ ln: "a", v: 3 }] },
      "fvrd[0].fsca[0].v must be a string",
    ],
  ])("rejects %s", (_name, change, error) => {
    expect(
      parseEventBody("visit", { furd: { f: "u" }, fvrd: [{ ...visitRecord(), ...change }] }),
    ).toEqual({ ok: false, error });
  });
});
