import { defineConfig } from "tsup";
import { libraryBuild } from "../../tsup.base";

// The http entry shares one copy of every class with the main one (splitting, also for CJS).
export default defineConfig(
  libraryBuild({ target: "node20", entry: ["src/index.ts", "src/http/index.ts"], splitting: true }),
);
