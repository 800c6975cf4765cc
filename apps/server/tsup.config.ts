import { defineConfig } from "tsup";

export default defineConfig({
  // index: the programmatic API; cli: the `pagesense-server` command (bin → dist/cli.js).
  entry: ["src/index.ts", "src/cli.ts"],
  format: ["esm", "cjs"],
  dts: { entry: "src/index.ts" },
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "node",
  // `import.meta.url` in the CommonJS build (finds settings/default.json).
  shims: true,
});
