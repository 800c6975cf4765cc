#!/usr/bin/env node
// Size budget: what a page that imports createClient from @pagesense/browser, activates one
// experiment and tracks one goal ships, bundled and minified by esbuild (core, murmurhash and the
// HTTP layer included), gzipped. Also prints the <script> (IIFE) build. `--verbose` shows where the
// bytes go: the gzip bytes each module adds to the page (the page minus that module, bundled from
// the TypeScript sources), and the page with every prose string (log lines, error messages)
// blanked, the floor that work on messages alone could reach.
//
// BUDGET is the product's budget (10 KB), not met yet (see README, "Size"). LIMIT fails the build
// on any regression meanwhile; `--budget` fails above BUDGET instead (make that the default by
// setting LIMIT = BUDGET once it is met).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, transform } from "esbuild";

const BUDGET = 10 * 1024;
const LIMIT = process.argv.includes("--budget") ? BUDGET : 12.5 * 1024;
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

/**
 * The page bundled and minified as an application's bundler would; `options` override esbuild's
 * (e.g. `alias` to resolve the packages from their sources).
 */
const bundle = (options) =>
  build({
    stdin: { contents: page, resolveDir: root, loader: "js", sourcefile: "page.js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2020",
    write: false,
    logLevel: "error",
    ...options,
  });

/** Size after gzip -9, bytes. */
const gzip = (text) => gzipSync(text, { level: 9 }).length;

const result = await bundle();
const code = result.outputFiles[0].contents;
const gz = gzip(code);
const iife = readFileSync(join(root, "dist/pagesense.global.js"));
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;

if (process.argv.includes("--verbose")) await analyse();
console.log(
  `size: page (createClient + activate + trackGoal) ${kb(code.length)} min, ${kb(gz)} min+gzip` +
    ` (limit ${kb(LIMIT)})`,
);
console.log(`size: dist/pagesense.global.js ${kb(iife.length)} min, ${kb(gzip(iife))} min+gzip`);
if (gz > LIMIT) {
  console.error(`size: over the limit by ${kb(gz - LIMIT)}`);
  process.exit(1);
}

/** Gzip bytes each module adds, and the page without prose, from the TypeScript sources. */
async function analyse() {
  const { default: ts } = await import("typescript");
  /** Blanks every string and template literal that contains a space (prose, not keys or codes). */
  const withoutProse = (code) => {
    const file = ts.createSourceFile("page.js", code, ts.ScriptTarget.Latest, true);
    const cuts = [];
    const visit = (node) => {
      const literal = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
      if (
        (literal && node.text.includes(" ")) ||
        (ts.isTemplateExpression(node) && node.getText().includes(" "))
      )
        cuts.push([node.getStart(), node.end]);
      else ts.forEachChild(node, visit);
    };
    visit(file);
    let out = "";
    let at = 0;
    for (const [from, to] of cuts) {
      out += `${code.slice(at, from)}""`;
      at = to;
    }
    return out + code.slice(at);
  };
  // The page bundled from the sources without whitespace minification, so esbuild's `// path`
  // comments split it into modules; each part is then minified on its own.
  const src = await bundle({
    alias: {
      "@pagesense/browser": join(root, "src/index.ts"),
      "@pagesense/core/internal": join(root, "../core/src/internal.ts"),
      "@pagesense/core": join(root, "../core/src/index.ts"),
    },
    minify: false,
    minifySyntax: true,
    minifyIdentifiers: true,
  });
  const parts = [];
  for (const chunk of src.outputFiles[0].text.split(/^(?=\/\/ )/m)) {
    const name = chunk.startsWith("// ")
      ? chunk.slice(3, chunk.indexOf("\n"))
      : "(bundler runtime: CommonJS interop)";
    const { code } = await transform(chunk, { minifyWhitespace: true, format: "esm" });
    parts.push({ name, code });
  }
  const joined = (list) => list.map((p) => p.code).join("");
  const whole = gzip(joined(parts));
  const rows = parts.map((p) => ({
    name: p.name,
    min: p.code.length,
    added: whole - gzip(joined(parts.filter((q) => q !== p))),
  }));
  console.log("gzip bytes each module adds to the page (min bytes):");
  for (const r of rows.sort((a, b) => b.added - a.added))
    console.log(`${String(r.added).padStart(7)} ${String(`(${r.min})`).padStart(8)}  ${r.name}`);
  const plain = withoutProse(result.outputFiles[0].text);
  console.log(
    `size: the page with every prose string blanked ${kb(gzip(plain))} min+gzip` +
      ` (prose is ${kb(gz - gzip(plain))} of ${kb(gz)})`,
  );
}
