#!/usr/bin/env node
// Size budget: what a page that imports createClient from @pagesense/browser, activates one
// experiment and tracks one goal ships, bundled and minified by esbuild (core, murmurhash and the
// HTTP layer included), gzipped.
//
// The page is measured as a production build, the way applications get it (see
// docs/production-builds.md): esbuild with `minify` and platform "browser" (it resolves the
// packages' `browser` builds and defines process.env.NODE_ENV as "production"), and the
// `production` export condition that Vite and webpack 5 set in production mode; the larger of the
// two is held to the BUDGET. The development build (full log messages) is printed beside it, and
// the two <script> (IIFE) builds. Target ES2022: what the packages need anyway (Object.hasOwn,
// class fields), and what Vite's and webpack's defaults keep (#private names stay short).
//
// `--verbose` shows where the bytes go: the gzip bytes each module adds to the page (the page
// minus that module, bundled from the TypeScript sources with the prose transform), the page with
// every remaining prose string blanked, and each build setting's gain. `--limit=<KB>` overrides
// the failing limit (default: the budget).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { transform } from "esbuild";
import { bundlePage, packageRoot } from "./page.mjs";

const BUDGET = 10 * 1024;
const limitArg = process.argv.find((a) => a.startsWith("--limit="));
const LIMIT = limitArg ? Number(limitArg.slice(8)) * 1024 : BUDGET;
const root = packageRoot;

/**
 * Resolves `@pagesense/browser` and `@pagesense/core` (and subpaths such as
 * `@pagesense/core/internal` → `core/src/internal.ts`) to their TypeScript sources.
 */
const fromSources = {
  name: "from-sources",
  setup(build) {
    build.onResolve({ filter: /^@pagesense\/(browser|core)(\/|$)/ }, (args) => {
      const [, name, sub] = args.path.match(/^@pagesense\/(\w+)\/?(.*)$/);
      return { path: join(root, "..", name, "src", `${sub || "index"}.ts`) };
    });
  },
};

/** Size after gzip -9, bytes. */
const gzip = (text) => gzipSync(text, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
const measure = async (options) => {
  const result = await bundlePage(options);
  const file = result.outputFiles[0];
  return { text: file.text, min: file.contents.length, gz: gzip(file.contents) };
};

const esbuildUser = await measure({});
const viteUser = await measure({ conditions: ["production"] });
const development = await measure({ conditions: ["development"] });
const production = viteUser.gz > esbuildUser.gz ? viteUser : esbuildUser;
const iife = readFileSync(join(root, "dist/pagesense.global.js"));
const iifeDev = readFileSync(join(root, "dist/pagesense.dev.global.js"));

if (process.argv.includes("--verbose")) await analyse();
console.log(
  `size: page (createClient + activate + trackGoal), production: ${kb(production.min)} min, ` +
    `${kb(production.gz)} min+gzip (esbuild ${kb(esbuildUser.gz)}, production condition ` +
    `${kb(viteUser.gz)}); budget ${kb(BUDGET)}: ${production.gz <= BUDGET ? "met" : "NOT MET"}` +
    `${LIMIT === BUDGET ? "" : `; limit ${kb(LIMIT)}`}`,
);
console.log(
  `size: page, development (full messages): ${kb(development.min)} min, ${kb(development.gz)} min+gzip`,
);
console.log(
  `size: dist/pagesense.global.js ${kb(iife.length)} min, ${kb(gzip(iife))} min+gzip; ` +
    `dist/pagesense.dev.global.js ${kb(iifeDev.length)} min, ${kb(gzip(iifeDev))} min+gzip`,
);
if (production.gz > LIMIT) {
  console.error(`size: over the limit by ${kb(production.gz - LIMIT)}`);
  process.exit(1);
}

/** Each build setting's gain, the gzip bytes each module adds, and the page without prose. */
async function analyse() {
  const { default: ts } = await import("typescript");
  const { prosePlugin } = await import("../../core/build/prose.mjs");
  const steps = [
    [
      "development build, target es2020 (the measurement before production builds)",
      { conditions: ["development"], target: "es2020" },
    ],
    [
      "development build, target es2022 (class fields and #private kept)",
      { conditions: ["development"] },
    ],
    ["production build: log lines and errors as codes (esbuild user)", {}],
  ];
  console.log("gains by build setting (page, min+gzip):");
  let previous;
  for (const [name, options] of steps) {
    const { gz } = await measure(options);
    const gain =
      previous === undefined
        ? ""
        : ` (${previous - gz >= 0 ? "-" : "+"}${Math.abs(previous - gz)} B)`;
    console.log(`  ${kb(gz).padStart(9)}${gain.padEnd(10)}  ${name}`);
    previous = gz;
  }
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
  const src = await bundlePage({
    plugins: [prosePlugin("strip"), fromSources],
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
  const plain = withoutProse(production.text);
  console.log(
    `size: the production page with every string containing a space blanked ${kb(gzip(plain))}` +
      ` min+gzip (such strings are ${kb(production.gz - gzip(plain))} of ${kb(production.gz)})`,
  );
}
