import { defineConfig } from "tsup";
import { libraryBuild, proseVariantBuilds } from "../../tsup.base";

/**
 * Three entries share one copy of every class (splitting, also for CJS), so `instanceof` holds
 * between what `@pagesense/core`, `@pagesense/core/internal` and `@pagesense/core/testing` give
 * (a TestClient is a PageSenseClient to `instanceof` and to types). The normal build keeps full
 * prose (servers, Deno, Bun, workerd, unbundled use); the browser builds carry codes instead
 * (docs/production-builds.md).
 */
const entries = {
  index: "src/index.ts",
  internal: "src/internal.ts",
  testing: "src/testing/index.ts",
};

export default defineConfig([
  libraryBuild({ platform: "neutral", entry: entries, splitting: true }),
  ...proseVariantBuilds({ platform: "neutral", splitting: true }, entries),
]);
