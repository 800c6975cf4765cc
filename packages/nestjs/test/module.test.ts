import { Visitor } from "@pagesense/testing";
import { describe, expect, it } from "vitest";
import { PageSenseModule, PageSenseService } from "../src/index";
import { moduleOptions, startNest } from "./support/app";
import { useNestRig } from "./support/rig";

const rig = useNestRig();

describe("PageSenseModule on a real Nest app (Express)", () => {
  it("issues the visitor cookie once and reuses it", async () => {
    rig.app = await startNest(PageSenseModule.forRoot(moduleOptions(rig.server.url)));
    const visitor = new Visitor(rig.app.url);
    const first = await visitor.json<{ userId: string }>("/pricing");
    const cookie = visitor.setCookies[0]![0]!;
    expect(cookie).toMatch(/^pagesense_uid=[0-9a-f-]{36};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(visitor.cookies.get("pagesense_uid")).toBe(first.userId);

    const second = await visitor.json<{ userId: string }>("/pricing");
    expect(second.userId).toBe(first.userId);
    expect(visitor.setCookies[1]).toEqual([]);
  });

  it("gives the same user the same variation, through @PageSenseUser() and @Variation()", async () => {
    rig.app = await startNest(PageSenseModule.forRoot(moduleOptions(rig.server.url)));
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const visitor = new Visitor(rig.app.url);
      const first = await visitor.json<{ userId: string; variation: string }>("/pricing");
      expect(first.variation).toMatch(/^(Original|Variation 1)$/);
      const viaDecorator = await visitor.json<{ userId: string; variation: string }>("/variation");
      expect(viaDecorator).toEqual({ userId: first.userId, variation: first.variation });
      const viaService = await visitor.json<{ variation: string }>(`/service?user=${first.userId}`);
      expect(viaService.variation).toBe(first.variation);
      seen.add(first.variation);
    }
    expect(seen.size).toBe(2);
  });

  it("issues one cookie when a handler uses both @Variation() and @PageSenseUser()", async () => {
    rig.app = await startNest(PageSenseModule.forRoot(moduleOptions(rig.server.url)));
    const visitor = new Visitor(rig.app.url);
    const body = await visitor.json<{ userId: string }>("/variation");
    expect(visitor.setCookies[0]).toHaveLength(1);
    expect(visitor.cookies.get("pagesense_uid")).toBe(body.userId);
  });

  it("delivers visits and goals with the request's user and attributes", async () => {
    rig.app = await startNest(PageSenseModule.forRoot(moduleOptions(rig.server.url)));
    const visitor = new Visitor(rig.app.url);
    const { userId, variation, attributes } = await visitor.json<{
      userId: string;
      variation: string;
      attributes: Record<string, string>;
    }>("/pricing?plan=pro");
    expect(attributes).toEqual({
      Browser: "Chrome",
      OS: "Windows",
      Device: "Desktop",
      planType: "pro",
    });
    await visitor.json("/buy?plan=pro&amount=12.5", { method: "POST" });
    await rig.server.waitFor((s) => s.visits.length === 1 && s.goals.length === 1);
    const c = variation === "Original" ? "V0" : "V1";
    const fsca = [
      { ln: "Browser", v: "Chrome" },
      { ln: "OS", v: "Windows" },
      { ln: "Device", v: "Desktop" },
      { ln: "planType", v: "pro" },
    ];
    expect(rig.server.visits[0]).toMatchObject({ userId, b: "EXP1", c });
    expect(rig.server.visits[0]!.fsca).toEqual(expect.arrayContaining(fsca));
    expect(rig.server.goals[0]).toMatchObject({ userId, c, gln: "purchase", rv: 12.5 });
    expect(rig.server.goals[0]!.fsca).toEqual(expect.arrayContaining(fsca));
  });

  it("uses the userId option, and injects the same client into the service and @InjectPageSenseClient()", async () => {
    rig.app = await startNest(
      PageSenseModule.forRoot(
        moduleOptions(rig.server.url, { userId: (req) => req.headers["x-account-id"] }),
      ),
    );
    const visitor = new Visitor(rig.app.url);
    const body = await visitor.json<{ userId: string }>("/pricing", {
      headers: { "x-account-id": "account-7" },
    });
    expect(body.userId).toBe("account-7");
    expect(visitor.setCookies[0]).toEqual([]);
    const service = await visitor.json<{ sameClient: boolean; ready: boolean }>("/service?user=u1");
    expect(service).toMatchObject({ sameClient: true, ready: true });
  });

  it("PageSenseService.trackGoal takes a revenue and/or attributes", async () => {
    rig.app = await startNest(PageSenseModule.forRoot(moduleOptions(rig.server.url)));
    const service = rig.app.app.get(PageSenseService);
    const chrome = { Browser: "Chrome" };
    await service.trackGoal("PricingTest", "svc-1", "PurchaseCompleted", 7, chrome);
    await service.trackGoal("PricingTest", "svc-2", "PurchaseCompleted", chrome);
    // No attributes: the Chrome-only experiment does not qualify, so no goal.
    await service.trackGoal("PricingTest", "svc-3", "PurchaseCompleted", 9);
    await service.client.flush();
    const goals = [...rig.server.goals].sort((a, b) => a.userId.localeCompare(b.userId));
    expect(goals.map((g) => [g.userId, g.rv, g.fsca])).toEqual([
      ["svc-1", 7, [{ ln: "Browser", v: "Chrome" }]],
      ["svc-2", undefined, [{ ln: "Browser", v: "Chrome" }]],
    ]);
  });

  it("delivers queued events when the application closes", async () => {
    rig.app = await startNest(
      PageSenseModule.forRoot(moduleOptions(rig.server.url, { flushInterval: 60_000 })),
    );
    const visitor = new Visitor(rig.app.url);
    const { userId } = await visitor.json<{ userId: string }>("/pricing");
    await visitor.json("/buy?amount=3", { method: "POST" });
    expect(rig.server.visits).toHaveLength(0); // queued: the flush interval is a minute

    await rig.app.close();
    expect(rig.server.visits.map((v) => v.userId)).toEqual([userId]);
    expect(rig.server.goals.map((g) => [g.userId, g.rv])).toEqual([[userId, 3]]);
  });

  it("serves requests while the settings server is down, with null decisions", async () => {
    await rig.server.down();
    rig.app = await startNest(
      PageSenseModule.forRoot(
        moduleOptions(rig.server.url, { initTimeout: 200, pollingInterval: 60_000 }),
      ),
    );
    const visitor = new Visitor(rig.app.url);
    const body = await visitor.json<{ userId: string; variation: string | null }>("/pricing");
    expect(body.variation).toBeNull();
    expect(body.userId).toBe(visitor.cookies.get("pagesense_uid"));
    const decorated = await visitor.json<{ variation: string | null }>("/variation");
    expect(decorated.variation).toBeNull();
    expect((await visitor.request("/buy?amount=1", { method: "POST" })).status).toBe(200);
    const service = await visitor.json<{ ready: boolean }>("/service?user=u1");
    expect(service.ready).toBe(false);
  });

  it("fails start-up with a ConfigurationError for unusable options", async () => {
    await expect(
      startNest(
        PageSenseModule.forRoot(moduleOptions(rig.server.url, { cookieName: "bad name;" })),
      ),
    ).rejects.toThrow(/cookieName/);
    await expect(
      startNest(
        PageSenseModule.forRoot(
          moduleOptions(rig.server.url, { webhook: { path: "pagesense/webhook", token: "" } }),
        ),
      ),
    ).rejects.toThrow(/webhook.token/);
  });
});
