import { describe, expect, it } from "vitest";
import { endpointOf, eventRequestText, parseEventRequest, parseSettingsRequest } from "../src";
import { visitRecord } from "./records";

const body = JSON.stringify({ furd: { f: "u" }, fvrd: [visitRecord()] });
const query = (params: Record<string, string>) => new URLSearchParams(params);

describe("parseEventRequest", () => {
  it("reads a POST body, a GET raw= and a POST with a blank body and raw=", () => {
    const expected = {
      ok: true,
      kind: "visit",
      payload: { furd: { f: "u" }, fvrd: [visitRecord()] },
    };
    expect(
      parseEventRequest("visit", { method: "POST", query: query({ type: "22" }), body }),
    ).toEqual(expected);
    expect(
      parseEventRequest("visit", {
        method: "GET",
        query: query({ type: "22", raw: body }),
        body: "",
      }),
    ).toEqual(expected);
    expect(
      parseEventRequest("visit", {
        method: "POST",
        query: query({ type: "22", raw: body }),
        body: " ",
      }),
    ).toEqual(expected);
  });

  it("checks type, then a body, then JSON, then the payload", () => {
    const check = (
      kind: "visit" | "goal",
      params: Record<string, string>,
      text: string,
      method = "POST",
    ) => parseEventRequest(kind, { method, query: query(params), body: text });
    expect(check("goal", { type: "22" }, body)).toEqual({ ok: false, error: "type must be 23" });
    expect(check("visit", { type: "22" }, "", "GET")).toEqual({
      ok: false,
      error: "the request has no body (POST JSON, or GET with raw=)",
    });
    expect(check("visit", { type: "22" }, "{oops")).toEqual({
      ok: false,
      error: "the body is not JSON",
    });
    expect(check("visit", { type: "22" }, "{}")).toEqual({
      ok: false,
      error: "furd.f must be a non-empty string (the user id)",
    });
  });

  it("takes the body of a POST over its raw= when both are given", () => {
    expect(eventRequestText({ method: "POST", query: query({ raw: "[1]" }), body: "[2]" })).toBe(
      "[2]",
    );
    expect(eventRequestText({ method: "GET", query: query({}), body: "[2]" })).toBeUndefined();
  });
});

describe("parseSettingsRequest", () => {
  const raw = (fpqd: unknown) => JSON.stringify({ fpqd });

  it("returns the fpqd block, keeping a and ai when they are strings", () => {
    expect(
      parseSettingsRequest(
        query({ type: "24", raw: raw({ a: "demo", ai: "demo-US", sk: "k", pn: "Shop", x: 1 }) }),
      ),
    ).toEqual({ ok: true, query: { a: "demo", ai: "demo-US", sk: "k", pn: "Shop" } });
    expect(
      parseSettingsRequest(query({ type: "24", raw: raw({ a: 1, sk: "k", pn: "Shop" }) })),
    ).toEqual({
      ok: true,
      query: { sk: "k", pn: "Shop" },
    });
  });

  it.each([
    ["a wrong type", { type: "23", raw: raw({ sk: "k", pn: "Shop" }) }, "type must be 24"],
    ["no raw", { type: "24" }, "raw is required"],
    ["raw not JSON", { type: "24", raw: "{nope" }, "raw is not JSON"],
    ["no fpqd", { type: "24", raw: "{}" }, "raw.fpqd must be an object"],
    [
      "no project name",
      { type: "24", raw: raw({ sk: "k" }) },
      "raw.fpqd.pn (project name) is required",
    ],
    [
      "no SDK key",
      { type: "24", raw: raw({ pn: "Shop", sk: "" }) },
      "raw.fpqd.sk (SDK key) is required",
    ],
  ])("rejects %s", (_name, params, error) => {
    expect(parseSettingsRequest(query(params))).toEqual({ ok: false, error });
  });
});

describe("endpointOf", () => {
  it("names the endpoint of a path", () => {
    expect(
      [
        "/psfullstacksdk/updateprojectsettings",
        "/psfullstacksdk/trackvisitor",
        "/psfullstacksdk/trackgoal",
        "/x",
      ].map(endpointOf),
    ).toEqual(["settings", "visit", "goal", undefined]);
  });
});
