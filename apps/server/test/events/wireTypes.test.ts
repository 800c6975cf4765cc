import type * as core from "@pagesense/core";
import type * as protocol from "@pagesense/protocol";
import { parseEventBody } from "@pagesense/protocol";
import { describe, expect, expectTypeOf, it } from "vitest";
import { goalRecord } from "../support/protocol";

// The SDK's bodies (@pagesense/core) are the protocol's types, re-exported: this typecheck fails
// if core ever declares its own again and they drift apart.
describe("wire types", () => {
  it("the SDK's payload types are the protocol's", () => {
    expectTypeOf<core.VisitPayload>().toEqualTypeOf<protocol.VisitPayload>();
    expectTypeOf<core.GoalPayload>().toEqualTypeOf<protocol.GoalPayload>();
    expectTypeOf<core.WireAttribute>().toEqualTypeOf<protocol.WireAttribute>();
  });

  it("a goal body typed by the SDK parses to itself", () => {
    const sent: core.GoalPayload = { furd: { f: "u" }, fgrd: [goalRecord("V0", "purchase", 5)] };
    expect(parseEventBody("goal", sent)).toEqual({ ok: true, kind: "goal", payload: sent });
  });
});
