#!/usr/bin/env node
// Size budget: what a page that imports createClient from @pagesense/browser, activates one
// experiment and tracks one goal ships, bundled and minified by esbuild (core, murmurhash and the
// HTTP layer included), gzipped. Fails above the budget. Also prints the <script> (IIFE) build.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const BUDGET = 10 * 1024;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const page = `
import { createClient } from "@pagesense/browser";
createClient({ accountId: "abcd1234-US", sdkKey: "sdk", projectName: "Shop" }).then(async (client) => {
  const variation = await client.visitor.activateExperiment("PricingTest");
  document.body.dataset.variation = variation ?? "none";
  document.querySelector("button")?.addEventListener("click", () => {
    client.visitor.trackGoal("PricingTest", "PurchaseCompleted");
  });
});
`;

const result = await build({
  stdin: { contents: page, resolveDir: root, loader: "js", sourcefile: "page.js" },
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2020",
  write: false,
  metafile: true,
  logLevel: "error",
});
const code = result.outputFiles[0].contents;
const gz = gzipSync(code, { level: 9 }).length;
const iife = readFileSync(join(root, "dist/pagesense.global.js"));
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;

if (process.argv.includes("--verbose")) {
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  const rows = Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
  for (const [file, { bytesInOutput }] of rows)
    console.log(String(bytesInOutput).padStart(7), file);
}
console.log(
  `size: page (createClient + activate + trackGoal) ${kb(code.length)} min, ${kb(gz)} min+gzip (budget ${kb(BUDGET)})`,
);
console.log(
  `size: dist/pagesense.global.js ${kb(iife.length)} min, ${kb(gzipSync(iife, { level: 9 }).length)} min+gzip`,
);
if (gz > BUDGET) {
  console.error(`size: over budget by ${kb(gz - BUDGET)}`);
  process.exit(1);
}
