import { defineConfig } from "tsup";

export default defineConfig({
  // index: startDemo() and the shop app (tests, your own scripts); cli: `npm run demo`.
  entry: ["src/index.ts", "src/cli.ts"],
  format: ["esm"],
  dts: { entry: "src/index.ts" },
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "node",
});
