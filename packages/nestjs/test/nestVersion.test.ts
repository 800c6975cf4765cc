import common from "@nestjs/common/package.json" with { type: "json" };
import core from "@nestjs/core/package.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import { NEST_MAJOR } from "./support/built";

describe(`the Nest these tests run against (Nest ${NEST_MAJOR})`, () => {
  it("is the major of this test project, for @nestjs/core and @nestjs/common", () => {
    expect(core.version.split(".")[0]).toBe(String(NEST_MAJOR));
    expect(common.version.split(".")[0]).toBe(String(NEST_MAJOR));
  });
});
