import { defineConfig, type Options } from "tsup";
import { libraryBuild, proseVariantBuilds } from "../../tsup.base";
import { prosePlugin } from "../core/build/prose.mjs";

/**
 * For a plain <script> tag: everything inlined, exposed as window.PageSense. `mode` picks core's
 * build through the export conditions and sets `process.env.NODE_ENV` (docs/production-builds.md).
 */
const scriptTag = (file: string, mode: "production" | "development"): Options => ({
  entry: { [file]: "src/index.ts" },
  format: ["iife"],
  globalName: "PageSense",
  minify: true,
  sourcemap: true,
  target: "es2020",
  platform: "browser",
  noExternal: [/.*/],
  outExtension: () => ({ js: ".global.js" }),
  define: { "process.env.NODE_ENV": JSON.stringify(mode) },
  esbuildOptions(options) {
    options.conditions = [mode];
  },
  esbuildPlugins: mode === "production" ? [prosePlugin("strip")] : [],
});

export default defineConfig([
  // For bundlers (ESM) and the exports map's require condition (CJS); the browser condition's
  // builds without prose.
  libraryBuild({ target: "es2020", platform: "browser" }),
  ...proseVariantBuilds({ target: "es2020", platform: "browser" }),
  // dist/pagesense.global.js: production (codes); dist/pagesense.dev.global.js: full messages.
  scriptTag("pagesense", "production"),
  scriptTag("pagesense.dev", "development"),
]);
