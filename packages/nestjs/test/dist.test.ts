import { createRequire } from "node:module";
import { Controller, Get } from "@nestjs/common";
import type { UserContext } from "@pagesense/core";
import { Visitor } from "@pagesense/testing";
import { describe, expect, it } from "vitest";
import type * as Source from "../src/index";
import { moduleOptions, startNest, WEBHOOK_TOKEN } from "./support/app";
import { builtDir, NEST_MAJOR } from "./support/built";
import { useNestRig } from "./support/rig";

// The published build is compiled by esbuild, which emits no decorator metadata: these tests boot
// apps on dist/ (ESM and CJS) to prove every injection is explicit.
const dir = builtDir();
const built = {
  ESM: (await import(/* @vite-ignore */ `${dir}index.js`)) as typeof Source,
  CJS: createRequire(import.meta.url)(`${dir}index.cjs`) as typeof Source,
};

const rig = useNestRig();

it(`the built package's CJS entry loads the Nest ${NEST_MAJOR} it is installed next to`, () => {
  const requireBuilt = createRequire(`${dir}index.cjs`);
  for (const name of ["@nestjs/common", "@nestjs/core"]) {
    const manifest = requireBuilt(`${name}/package.json`) as { version: string };
    expect(manifest.version.split(".")[0]).toBe(String(NEST_MAJOR));
  }
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
