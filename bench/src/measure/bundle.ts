import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoDir = resolve(benchDir, "..");

/** A page to bundle: its entry file and the SDK package it imports. */
export interface Page {
  entry: string;
  packageName: string;
}

/** Size of one page bundle. */
export interface BundleSize extends Page {
  minified: number;
  gzipped: number;
}

/** Where our page comes from: @pagesense/browser when its dist is built, else @pagesense/core. */
export function ourPage(): Page {
  if (existsSync(join(repoDir, "packages/browser/dist/index.js"))) {
    return {
      entry: join(benchDir, "pages/pagesense-browser.js"),
      packageName: "@pagesense/browser",
    };
  }
  return { entry: join(benchDir, "pages/pagesense-core.js"), packageName: "@pagesense/core" };
}

/** The minimal "create, activate, track" page of each SDK (bench/pages/). */
export function pages(): Record<"pagesense" | "optimizely" | "growthbook", Page> {
  return {
    pagesense: ourPage(),
    optimizely: {
      entry: join(benchDir, "pages/optimizely.js"),
      packageName: "@optimizely/optimizely-sdk",
    },
    growthbook: {
      entry: join(benchDir, "pages/growthbook.js"),
      packageName: "@growthbook/growthbook",
    },
  };
}

/**
 * Bundles a page the way a site would ship it: esbuild, browser platform (the SDK's browser
 * entry), ES2022 (top-level await), minified, tree-shaken, production; then gzip level 9.
 */
export async function bundleSize(page: Page): Promise<BundleSize> {
  const result = await build({
    entryPoints: [page.entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const code = result.outputFiles[0]!.contents;
  return {
    entry: page.entry.slice(benchDir.length + 1),
    packageName: page.packageName,
    minified: code.length,
    gzipped: gzipSync(code, { level: 9 }).length,
  };
}
