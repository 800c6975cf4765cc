import { createRequire } from "node:module";
import { Controller, Get } from "@nestjs/common";
import type { UserContext } from "@pagesense/core";
import { Visitor } from "@pagesense/testing";
import { describe, expect, it } from "vitest";
import type * as Source from "../src/index";
import { moduleOptions, startNest, WEBHOOK_TOKEN } from "./support/app";
import { useNestRig } from "./support/rig";

// The published build is compiled by esbuild, which emits no decorator metadata: these tests boot
// apps on dist/ (ESM and CJS) to prove every injection is explicit.
const esmPath = "../dist/index.js";
const built = {
  ESM: (await import(/* @vite-ignore */ esmPath)) as typeof Source,
  CJS: createRequire(import.meta.url)("../dist/index.cjs") as typeof Source,
};

const rig = useNestRig();

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
      rig.app = await startNest(
        pkg.PageSenseModule.forRoot(
          moduleOptions(rig.server.url, { webhook: { path: "hook", token: WEBHOOK_TOKEN } }),
        ),
        { controllers: [BuiltController] },
      );
      const visitor = new Visitor(rig.app.url);
      const body = await visitor.json<{ userId: string; variation: string }>("/built");
      expect(body.userId).toBe(visitor.cookies.get("pagesense_uid"));
      expect(body.variation).toMatch(/^(Original|Variation 1)$/);
      const hook = await fetch(`${rig.app.url}/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-oauth-token": "wrong" },
        body: "{}",
      });
      expect(hook.status).toBe(401);
    });
  },
);
