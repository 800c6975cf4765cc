import { defineConfig } from "tsup";

export default defineConfig([
  {
    // For bundlers (ESM) and the exports map's require condition (CJS).
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2020",
    platform: "browser",
  },
  {
    // For a plain <script> tag: everything inlined, exposed as window.PageSense.
    entry: { pagesense: "src/index.ts" },
    format: ["iife"],
    globalName: "PageSense",
    minify: true,
    sourcemap: true,
    target: "es2020",
    platform: "browser",
    noExternal: [/.*/],
  },
]);
