import { defineConfig } from "tsup";

export default defineConfig({
  entry: [
    "src/compare.ts",
    "src/soak.ts",
    "src/soak/serverProcess.ts",
    "src/styles.ts",
    "src/creation.ts",
    "src/delivery.ts",
    "src/delivery/collectorProcess.ts",
  ],
  format: ["esm"],
  sourcemap: true,
  clean: true,
  target: "node20",
  platform: "node",
  // SDKs are loaded from node_modules as an application would, never inlined.
  skipNodeModulesBundle: true,
});
