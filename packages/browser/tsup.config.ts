import { defineConfig } from "tsup";
import { libraryBuild } from "../../tsup.base";

export default defineConfig([
  // For bundlers (ESM) and the exports map's require condition (CJS).
  libraryBuild({ target: "es2020", platform: "browser" }),
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
