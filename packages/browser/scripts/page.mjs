// The page the size budget is about (a site that creates a client, activates one experiment and
// tracks one goal), bundled the way an application's bundler ships it. Used by size.mjs and by
// the production-build tests (test/browser/production.test.ts).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** The browser package's directory (the page resolves `@pagesense/browser` from there). */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The page's source. */
export const PAGE = `
import { createClient } from "@pagesense/browser";
createClient({ accountId: "abcd1234-US", sdkKey: "sdk", projectName: "Shop" }).then(async (client) => {
  const variation = await client.visitor.activateExperiment("PricingTest");
  document.body.dataset.variation = variation ?? "none";
  document.querySelector("button")?.addEventListener("click", () => {
    client.visitor.trackGoal("PricingTest", "PurchaseCompleted");
  });
});
`;

/**
 * The page bundled and minified by esbuild for browsers (target ES2022, what the packages need);
 * `options` override esbuild's (`conditions` to pick a build, `plugins`, `target`). With no
 * `conditions`, esbuild resolves the packages' `browser` builds and, minifying, defines
 * process.env.NODE_ENV as "production": a production build.
 * @param {import("esbuild").BuildOptions} [options]
 */
export function bundlePage(options = {}) {
  return build({
    stdin: { contents: PAGE, resolveDir: packageRoot, loader: "js", sourcefile: "page.js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "error",
    ...options,
  });
}
