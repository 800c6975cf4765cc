import { Controller, Get, Inject, Req, Res } from "@nestjs/common";
import type { UserContext } from "@pagesense/core";
import { Visitor } from "@pagesense/testing";
import { describe, expect, it } from "vitest";
import {
  type PageSenseHttpRequest,
  PageSenseModule,
  PageSenseService,
  PageSenseUser,
  Variation,
} from "../src/index";
import { moduleOptions, startNest, WEBHOOK_TOKEN } from "./support/app";
import { useNestRig } from "./support/rig";

const rig = useNestRig();

@Controller("once")
class OnceController {
  constructor(@Inject(PageSenseService) private readonly pagesense: PageSenseService) {}

  @Get()
  async get(
    @PageSenseUser() user: UserContext,
    @Variation("PricingTest") variation: string | null,
    @PageSenseUser() again: UserContext,
    @Req() request: PageSenseHttpRequest,
    @Res({ passthrough: true }) response: unknown,
  ) {
    const viaService = await this.pagesense.forRequest(request, response);
    return {
      userId: user.userId,
      variation,
      sameContext: user === again && user === viaService,
    };
  }
}

describe.each(["express", "fastify"] as const)("the request's user on %s", (platform) => {
  it("is resolved once per request: one UserContext for the decorators and the service", async () => {
    let attributeCalls = 0;
    rig.app = await startNest(
      PageSenseModule.forRoot(
        moduleOptions(rig.server.url, {
          attributes: () => {
            attributeCalls++;
            return { planType: "pro" };
          },
        }),
      ),
      { platform, controllers: [OnceController] },
    );
    const visitor = new Visitor(rig.app.url);
    const first = await visitor.json<{ userId: string; sameContext: boolean }>("/once");
    expect(first.sameContext).toBe(true);
    expect(first.userId).toBe(visitor.cookies.get("pagesense_uid"));
    expect(visitor.setCookies[0]).toHaveLength(1);
    expect(attributeCalls).toBe(1);

    const second = await visitor.json<{ userId: string; sameContext: boolean }>("/once");
    expect(second).toMatchObject({ userId: first.userId, sameContext: true });
    expect(attributeCalls).toBe(2);
  });
});

describe("start-up checks", () => {
  it("rejects unusable request-user or webhook options before creating a client", async () => {
    const before = rig.server.settingsRequests.length;
    await expect(
      startNest(PageSenseModule.forRoot(moduleOptions(rig.server.url, { userId: "x" as never }))),
    ).rejects.toThrow(/userId/);
    await expect(
      startNest(
        PageSenseModule.forRoot(
          moduleOptions(rig.server.url, { webhook: { path: " ", token: WEBHOOK_TOKEN } }),
        ),
      ),
    ).rejects.toThrow(/webhook.path/);
    await expect(
      startNest(
        PageSenseModule.forRoot(moduleOptions(rig.server.url, { webhook: "hook" as never })),
      ),
    ).rejects.toThrow(/webhook must be an object/);
    await expect(
      startNest(
        PageSenseModule.forRoot(
          moduleOptions(rig.server.url, { webhook: { path: "pagesense/webhook", token: "" } }),
        ),
      ),
    ).rejects.toThrow(/webhook token/);
    expect(rig.server.settingsRequests.length).toBe(before);
  });
});
