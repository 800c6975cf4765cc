import { Controller, Get, Module } from "@nestjs/common";
import type { UserContext } from "@pagesense/core";
import { Visitor } from "@pagesense/testing";
import { describe, expect, it } from "vitest";
import { PageSenseModule, PageSenseUser } from "../src/index";
import { moduleOptions, startNest } from "./support/app";
import { useNestRig } from "./support/rig";

const rig = useNestRig();

@Controller("feature")
class FeatureController {
  @Get()
  async get(@PageSenseUser() user: UserContext) {
    return { userId: user.userId, variation: await user.getVariationName("PricingTest") };
  }
}

describe("PageSenseModule scope", () => {
  it("is global by default: a feature module's controller can use @PageSenseUser()", async () => {
    @Module({ controllers: [FeatureController] })
    class FeatureModule {}
    rig.app = await startNest(PageSenseModule.forRoot(moduleOptions(rig.server.url)), {
      imports: [FeatureModule],
    });
    const visitor = new Visitor(rig.app.url);
    const body = await visitor.json<{ userId: string; variation: string }>("/feature");
    expect(body.userId).toBe(visitor.cookies.get("pagesense_uid"));
    expect(body.variation).toMatch(/^(Original|Variation 1)$/);
  });

  it("with isGlobal: false, a feature module that imports it can use it", async () => {
    const pagesense = PageSenseModule.forRoot({
      ...moduleOptions(rig.server.url),
      isGlobal: false,
    });
    @Module({ imports: [pagesense], controllers: [FeatureController] })
    class FeatureModule {}
    rig.app = await startNest(pagesense, { imports: [FeatureModule] });
    const visitor = new Visitor(rig.app.url);
    const body = await visitor.json<{ userId: string }>("/feature");
    expect(body.userId).toBe(visitor.cookies.get("pagesense_uid"));
  });
});
