import { postWebhook, Visitor, webhookPayload } from "@pagesense/testing";
import { describe, expect, it } from "vitest";
import { PageSenseModule } from "../src/index";
import { moduleOptions, startNest, WEBHOOK_TOKEN } from "./support/app";
import { useNestRig } from "./support/rig";

const rig = useNestRig();

describe("PageSenseModule on Nest with Fastify (@nestjs/platform-fastify)", () => {
  const start = (overrides = {}, trustProxy = false) =>
    startNest(
      PageSenseModule.forRoot(
        moduleOptions(rig.server.url, {
          webhook: { path: "pagesense/webhook", token: WEBHOOK_TOKEN },
          ...overrides,
        }),
      ),
      { platform: "fastify", fastify: { trustProxy } },
    );

  it("issues the visitor cookie once, reuses it, and keeps the variation", async () => {
    rig.app = await start();
    const visitor = new Visitor(rig.app.url);
    const first = await visitor.json<{ userId: string; variation: string }>("/pricing");
    expect(first.variation).toMatch(/^(Original|Variation 1)$/);
    const cookie = visitor.setCookies[0]![0]!;
    expect(cookie).toMatch(/^pagesense_uid=[0-9a-f-]{36};/);
    expect(cookie).toContain("HttpOnly");
    expect(visitor.cookies.get("pagesense_uid")).toBe(first.userId);

    for (const path of ["/pricing", "/variation"]) {
      const again = await visitor.json<{ userId: string; variation: string }>(path);
      expect(again).toMatchObject({ userId: first.userId, variation: first.variation });
    }
    expect(visitor.setCookies.slice(1)).toEqual([[], []]);
  });

  it("marks the cookie Secure behind a trusted HTTPS proxy (Fastify's trustProxy), and only then", async () => {
    rig.app = await start({}, true);
    const proxied = new Visitor(rig.app.url);
    await proxied.json("/pricing", { headers: { "x-forwarded-proto": "https" } });
    expect(proxied.setCookies[0]![0]).toContain("Secure");
    await rig.app.close();

    rig.app = await start({}, false);
    const spoofed = new Visitor(rig.app.url);
    await spoofed.json("/pricing", { headers: { "x-forwarded-proto": "https" } });
    expect(spoofed.setCookies[0]![0]).not.toContain("Secure");
  });

  it("delivers goals with the user and attributes, and flushes on close", async () => {
    rig.app = await start({ flushInterval: 60_000 });
    const visitor = new Visitor(rig.app.url);
    const { userId } = await visitor.json<{ userId: string }>("/pricing?plan=team");
    await visitor.json("/buy?plan=team&amount=20", { method: "POST" });
    expect(rig.server.goals).toHaveLength(0);
    await rig.app.close();
    expect(rig.server.visits.map((v) => v.userId)).toEqual([userId]);
    expect(rig.server.goals).toHaveLength(1);
    expect(rig.server.goals[0]).toMatchObject({ userId, gln: "purchase", rv: 20 });
    expect(rig.server.goals[0]!.fsca).toEqual(
      expect.arrayContaining([
        { ln: "Browser", v: "Chrome" },
        { ln: "planType", v: "team" },
      ]),
    );
  });

  it("answers the webhook: 200, 401, 400", async () => {
    rig.app = await start();
    const send = (body: unknown, token = WEBHOOK_TOKEN) =>
      postWebhook(`${rig.app!.url}/pagesense/webhook`, JSON.stringify(body), token);
    const ok = webhookPayload();
    expect((await send(ok)).status).toBe(200);
    expect((await send(ok, "wrong")).status).toBe(401);
    expect((await send({ ...ok, LastModifiedTime: "yesterday" })).status).toBe(400);
  });

  it("serves requests while the settings server is down", async () => {
    await rig.server.down();
    rig.app = await start({ initTimeout: 200, pollingInterval: 60_000 });
    const visitor = new Visitor(rig.app.url);
    const body = await visitor.json<{ userId: string; variation: string | null }>("/pricing");
    expect(body.variation).toBeNull();
    expect(body.userId).toBe(visitor.cookies.get("pagesense_uid"));
  });
});
