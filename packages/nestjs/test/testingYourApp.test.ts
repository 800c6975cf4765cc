// The README's "Testing your app" examples, verbatim: an app's own vitest tests of a Nest app over
// real HTTP, with PageSenseTestingModule in place of PageSenseModule.
import "reflect-metadata";
import { Controller, Get, Module, Post } from "@nestjs/common";
import { Test } from "@nestjs/testing";
import { TestClient } from "@pagesense/core/testing";
import {
  PageSenseModule,
  PageSenseTestingModule,
  PageSenseUser,
  type UserContext,
  Variation,
} from "@pagesense/nestjs";
import { expect, it } from "vitest";

@Controller()
class PricingController {
  @Get("pricing")
  pricing(@Variation("PricingTest") variation: string | null) {
    return { layout: variation === "Variation 1" ? "featured" : "side-by-side" };
  }

  @Post("buy")
  async buy(@PageSenseUser() user: UserContext) {
    await user.trackGoal("PricingTest", "PurchaseCompleted", 49);
    return { bought: true };
  }
}

it("shows the featured layout in Variation 1 and records the visit and the purchase", async () => {
  const moduleRef = await Test.createTestingModule({
    imports: [
      PageSenseTestingModule.forRoot({
        variations: { PricingTest: "Variation 1" },
        goals: ["PurchaseCompleted"],
      }),
    ],
    controllers: [PricingController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, "127.0.0.1");
  const url = await app.getUrl();

  const page = await fetch(`${url}/pricing`);
  expect(await page.json()).toEqual({ layout: "featured" });
  const cookie = page.headers.get("set-cookie")?.split(";")[0] ?? "";
  await fetch(`${url}/buy`, { method: "POST", headers: { cookie } });

  const client = app.get(TestClient);
  const [visit] = client.visits("PricingTest");
  expect(visit?.variationName).toBe("Variation 1");
  expect(client.goals("PurchaseCompleted")).toEqual([
    expect.objectContaining({ userId: visit?.userId, revenue: 49 }),
  ]);
  await app.close();
});

// Your AppModule imports PageSenseModule through a constant...
export const pagesense = PageSenseModule.forRoot({
  accountId: "abcd1234-US",
  sdkKey: "sdk-key",
  projectName: "Shop",
});

@Module({ imports: [pagesense], controllers: [PricingController] })
class AppModule {}

// ...so a test of the whole app swaps it for the testing module (no real client is created).
it("replaces PageSenseModule in the whole app", async () => {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideModule(pagesense)
    .useModule(PageSenseTestingModule.forRoot({ variations: { PricingTest: "Original" } }))
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, "127.0.0.1");

  const page = await fetch(`${await app.getUrl()}/pricing`);
  expect(await page.json()).toEqual({ layout: "side-by-side" });
  expect(app.get(TestClient).visits("PricingTest")).toEqual([
    expect.objectContaining({ variationName: "Original" }),
  ]);
  await app.close();
});
