import "reflect-metadata";
import { Controller, Get, Inject } from "@nestjs/common";
import { Test } from "@nestjs/testing";
import type { PageSenseClient, UserContext } from "@pagesense/core";
import { TestClient } from "@pagesense/core/testing";
import { expect, it } from "vitest";
import {
  InjectPageSenseClient,
  PageSenseService,
  PageSenseTestingModule,
  PageSenseUser,
} from "../src/index";

@Controller()
class AccountController {
  constructor(
    @Inject(PageSenseService) private readonly pagesense: PageSenseService,
    @InjectPageSenseClient() private readonly client: PageSenseClient,
  ) {}

  @Get("me")
  async me(@PageSenseUser() user: UserContext) {
    return {
      userId: user.userId,
      attributes: user.attributes,
      variation: await this.pagesense.activateExperiment("Onboarding", user.userId, {
        plan: "pro",
      }),
      sameClient: this.pagesense.client === this.client,
    };
  }
}

it("gives the service, @InjectPageSenseClient() and TestClient one test client, with the user options", async () => {
  const moduleRef = await Test.createTestingModule({
    imports: [
      PageSenseTestingModule.forRoot({
        variations: { Onboarding: "Short" },
        attributes: { plan: "pro" },
        logLevel: "OFF",
        user: {
          userId: (req: { headers: Record<string, string | undefined> }) => req.headers["x-user"],
          attributes: () => ({ plan: "pro" }),
        },
      }),
    ],
    controllers: [AccountController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, "127.0.0.1");
  const res = await fetch(`${await app.getUrl()}/me`, { headers: { "x-user": "account-7" } });
  expect(await res.json()).toEqual({
    userId: "account-7",
    attributes: expect.objectContaining({ plan: "pro" }),
    variation: "Short",
    sameClient: true,
  });
  const client = app.get(TestClient);
  expect(client).toBe(app.get(PageSenseService).client);
  expect(client.visits("Onboarding")).toEqual([
    expect.objectContaining({ userId: "account-7", variationName: "Short" }),
  ]);

  // The application's shutdown closes the test client: nothing more is recorded.
  await app.close();
  expect(await client.activateExperiment("Onboarding", "account-8", { plan: "pro" })).toBeNull();
  expect(client.visits()).toHaveLength(1);
});
