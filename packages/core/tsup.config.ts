import { defineConfig } from "tsup";
import { libraryBuild, proseVariantBuilds } from "../../tsup.base";

// The normal build (full prose: servers, Deno, Bun, workerd, unbundled use) and the browser
// builds without prose (docs/production-builds.md).
export default defineConfig([
  libraryBuild({ platform: "neutral" }),
  ...proseVariantBuilds({ platform: "neutral" }),
]);
