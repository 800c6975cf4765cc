import { defineConfig } from "tsup";
import { libraryBuild } from "../../tsup.base";

// Two entries share one copy of every class (splitting, also for CJS), so `instanceof` holds
// between what `@pagesense/core` and `@pagesense/core/internal` give.
export default defineConfig(
  libraryBuild({
    platform: "neutral",
    entry: ["src/index.ts", "src/internal.ts"],
    splitting: true,
  }),
);
