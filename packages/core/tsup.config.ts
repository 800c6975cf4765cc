import { defineConfig } from "tsup";
import { libraryBuild } from "../../tsup.base";

export default defineConfig(
  libraryBuild({
    platform: "neutral",
    // `@pagesense/core/testing` shares the client classes with the main entry (one chunk, in
    // ESM and CJS alike), so a TestClient is a PageSenseClient to `instanceof` and to types.
    entry: { index: "src/index.ts", testing: "src/testing/index.ts" },
    splitting: true,
  }),
);
