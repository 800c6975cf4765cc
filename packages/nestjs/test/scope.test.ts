import { Controller, Get, Module } from "@nestjs/common";
import type { UserContext } from "@pagesense/core";
import { type FakePageSense, startPageSenseServer, Visitor } from "@pagesense/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PageSenseModule, PageSenseUser } from "../src/index";
import { moduleOptions, startNest, type TestApp } from "./support/app";

let server: FakePageSense;
let app: TestApp | undefined;

beforeEach(async () => {
  server = await startPageSenseServer();
});

afterEach(async () => {
  await app?.close();
  app = undefined;
  await server.close();
});

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
    app = await startNest(PageSenseModule.forRoot(moduleOptions(server.url)), {
      imports: [FeatureModule],
    });
    const visitor = new Visitor(app.url);
    const body = await visitor.json<{ userId: string; variation: string }>("/feature");
    expect(body.userId).toBe(visitor.cookies.get("pagesense_uid"));
    expect(body.variation).toMatch(/^(Original|Variation 1)$/);
  });

  it("with isGlobal: false, a feature module that imports it can use it", async () => {
    const pagesense = PageSenseModule.forRoot({ ...moduleOptions(server.url), isGlobal: false });
    @Module({ imports: [pagesense], controllers: [FeatureController] })
    class FeatureModule {}
    app = await startNest(pagesense, { imports: [FeatureModule] });
    const visitor = new Visitor(app.url);
    const body = await visitor.json<{ userId: string }>("/feature");
    expect(body.userId).toBe(visitor.cookies.get("pagesense_uid"));
  });
});
