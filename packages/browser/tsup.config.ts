import { defineConfig, type Options } from "tsup";
import { libraryBuild, proseVariantBuilds } from "../../tsup.base";
import { prosePlugin } from "../core/build/prose.mjs";

/**
 * ES2022: the code needs ES2022 browsers anyway (core uses `Object.hasOwn`), and ES2022 syntax
 * keeps class fields and `#private` members as they are (shorter; esbuild minifies `#private`
 * names), where ES2020 would rewrite each private field into a WeakMap helper.
 */
const TARGET = "es2022";

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
  target: TARGET,
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
  libraryBuild({ target: TARGET, platform: "browser" }),
  ...proseVariantBuilds({ target: TARGET, platform: "browser" }),
  // dist/pagesense.global.js: production (codes); dist/pagesense.dev.global.js: full messages.
  scriptTag("pagesense", "production"),
  scriptTag("pagesense.dev", "development"),
]);
