import { createRequire } from "node:module";
import { Controller, Get } from "@nestjs/common";
import type { UserContext } from "@pagesense/core";
import { type FakePageSense, startPageSenseServer, Visitor } from "@pagesense/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type * as Source from "../src/index";
import { moduleOptions, startNest, type TestApp, WEBHOOK_TOKEN } from "./support/app";

// The published build is compiled by esbuild, which emits no decorator metadata: these tests boot
// apps on dist/ (ESM and CJS) to prove every injection is explicit.
const esmPath = "../dist/index.js";
const built = {
  ESM: (await import(/* @vite-ignore */ esmPath)) as typeof Source,
  CJS: createRequire(import.meta.url)("../dist/index.cjs") as typeof Source,
};

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

describe.each(Object.keys(built) as Array<keyof typeof built>)(
  "the built package (%s)",
  (format) => {
    const pkg = built[format];

    @Controller("built")
    class BuiltController {
      @Get()
      async get(
        @pkg.PageSenseUser() user: UserContext,
        @pkg.Variation("PricingTest") variation: string | null,
      ) {
        return { userId: user.userId, variation };
      }
    }

    it("boots, resolves the user, decides and answers the webhook", async () => {
      app = await startNest(
        pkg.PageSenseModule.forRoot(
          moduleOptions(server.url, { webhook: { path: "hook", token: WEBHOOK_TOKEN } }),
        ),
        { controllers: [BuiltController] },
      );
      const visitor = new Visitor(app.url);
      const body = await visitor.json<{ userId: string; variation: string }>("/built");
      expect(body.userId).toBe(visitor.cookies.get("pagesense_uid"));
      expect(body.variation).toMatch(/^(Original|Variation 1)$/);
      const hook = await fetch(`${app.url}/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-oauth-token": "wrong" },
        body: "{}",
      });
      expect(hook.status).toBe(401);
    });
  },
);
