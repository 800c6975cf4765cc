import { Module } from "@nestjs/common";
import { postWebhook, webhookPayload } from "@pagesense/testing";
import { describe, expect, it } from "vitest";
import { PageSenseModule, PageSenseWebhookController } from "../src/index";
import { moduleOptions, startNest, WEBHOOK_TOKEN } from "./support/app";
import { useNestRig } from "./support/rig";

const rig = useNestRig();

const payload = webhookPayload();

const call = (path: string, body: string, token: string | null = WEBHOOK_TOKEN) =>
  postWebhook(rig.app!.url + path, body, token);

/** A stand-in for an app's ConfigModule: provides settings under a token. */
@Module({
  providers: [{ provide: "APP_CONFIG", useFactory: () => ({ token: WEBHOOK_TOKEN }) }],
  exports: ["APP_CONFIG"],
})
class AppConfigModule {}

const setups = {
  forRoot: () =>
    PageSenseModule.forRoot(
      moduleOptions(rig.server.url, {
        webhook: { path: "pagesense/webhook", token: WEBHOOK_TOKEN },
      }),
    ),
  forRootAsync: () =>
    PageSenseModule.forRootAsync({
      webhook: true,
      imports: [AppConfigModule],
      inject: ["APP_CONFIG"],
      useFactory: async (config: { token: string }) =>
        moduleOptions(rig.server.url, {
          webhook: { path: "pagesense/webhook", token: config.token },
        }),
    }),
};

describe.each(Object.keys(setups) as Array<keyof typeof setups>)(
  "webhook controller (%s)",
  (kind) => {
    it("answers 200 and refreshes the settings for a valid call", async () => {
      rig.app = await startNest(setups[kind]());
      const before = rig.server.settingsRequests.length;
      const response = await call("/pagesense/webhook", JSON.stringify(payload));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 200 });
      expect(rig.server.settingsRequests.length).toBe(before + 1);
    });

    it("answers 401 for a wrong or missing token, without refreshing", async () => {
      rig.app = await startNest(setups[kind]());
      const before = rig.server.settingsRequests.length;
      expect((await call("/pagesense/webhook", JSON.stringify(payload), "nope")).status).toBe(401);
      expect((await call("/pagesense/webhook", JSON.stringify(payload), null)).status).toBe(401);
      expect(rig.server.settingsRequests.length).toBe(before);
    });

    it("answers 400 for a bad body", async () => {
      rig.app = await startNest(setups[kind]());
      const response = await call(
        "/pagesense/webhook",
        JSON.stringify({ ...payload, ProjectName: 3 }),
      );
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/ProjectName/);
    });
  },
);

describe("webhook controller set-up", () => {
  it("turns polling off when the webhook is configured", async () => {
    rig.app = await startNest(
      PageSenseModule.forRoot(
        moduleOptions(rig.server.url, {
          pollingInterval: 50,
          webhook: { path: "pagesense/webhook", token: WEBHOOK_TOKEN },
        }),
      ),
    );
    const afterStart = rig.server.settingsRequests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rig.server.settingsRequests.length).toBe(afterStart);
  });

  it("registers no controller and no route when the webhook option is not set", async () => {
    rig.app = await startNest(PageSenseModule.forRoot(moduleOptions(rig.server.url)));
    const response = await call("/pagesense/webhook", JSON.stringify(payload));
    expect(response.status).toBe(404);
    expect(() => rig.app!.app.get(PageSenseWebhookController, { strict: false })).toThrow();
  });

  it("registers the controller with forRoot({ webhook }) and forRootAsync({ webhook: true })", async () => {
    for (const setup of [setups.forRoot, setups.forRootAsync]) {
      rig.app = await startNest(setup());
      expect(rig.app.app.get(PageSenseWebhookController, { strict: false })).toBeInstanceOf(
        PageSenseWebhookController,
      );
      await rig.app.close();
    }
  });

  it("registers no controller with forRootAsync without webhook: true", async () => {
    rig.app = await startNest(
      PageSenseModule.forRootAsync({ useFactory: () => moduleOptions(rig.server.url) }),
    );
    expect(() => rig.app!.app.get(PageSenseWebhookController, { strict: false })).toThrow();
    expect((await call("/pagesense/webhook", JSON.stringify(payload))).status).toBe(404);
  });

  it("fails start-up when forRootAsync's webhook flag and the factory's options disagree", async () => {
    const before = rig.server.settingsRequests.length;
    await expect(
      startNest(
        PageSenseModule.forRootAsync({
          useFactory: () =>
            moduleOptions(rig.server.url, {
              webhook: { path: "pagesense/webhook", token: WEBHOOK_TOKEN },
            }),
        }),
      ),
    ).rejects.toThrow(/without `webhook: true`/);
    await expect(
      startNest(
        PageSenseModule.forRootAsync({
          webhook: true,
          useFactory: () => moduleOptions(rig.server.url),
        }),
      ),
    ).rejects.toThrow(/needs `webhook: \{ path, token \}`/);
    expect(rig.server.settingsRequests.length).toBe(before);
  });

  it("follows the app's global prefix", async () => {
    rig.app = await startNest(
      PageSenseModule.forRoot(
        moduleOptions(rig.server.url, {
          webhook: { path: "hooks/pagesense", token: WEBHOOK_TOKEN },
        }),
      ),
      { configure: (nest) => nest.setGlobalPrefix("api") },
    );
    expect((await call("/api/hooks/pagesense", JSON.stringify(payload))).status).toBe(200);
    expect((await call("/hooks/pagesense", JSON.stringify(payload))).status).toBe(404);
  });
});
