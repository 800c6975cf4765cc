import { defineConfig } from "tsup";
import { libraryBuild } from "../../tsup.base";

// Three entries share one copy of every class (splitting, also for CJS), so `instanceof` holds
// between what `@pagesense/core`, `@pagesense/core/internal` and `@pagesense/core/testing` give
// (a TestClient is a PageSenseClient to `instanceof` and to types).
export default defineConfig(
  libraryBuild({
    platform: "neutral",
    entry: { index: "src/index.ts", internal: "src/internal.ts", testing: "src/testing/index.ts" },
    splitting: true,
  }),
);
