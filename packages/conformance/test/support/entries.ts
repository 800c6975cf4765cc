import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The packages every runtime imports. */
export type EntryName = "core" | "node" | "browser";
export type Format = "esm" | "cjs";

const require = createRequire(import.meta.url);

/**
 * The built file a user's `import` (esm) or `require` (cjs) of `@pagesense/<name>` loads, read from
 * the package's `exports` as a packed package would resolve it.
 */
export function entryPath(name: EntryName, format: Format): string {
  const manifest = require.resolve(`@pagesense/${name}/package.json`);
  const exports = JSON.parse(readFileSync(manifest, "utf8")).exports["."];
  return join(dirname(manifest), exports[format === "esm" ? "import" : "require"].default);
}

/** Directory of an npm package installed for the suite (the runtime binaries' package). */
export function runtimePackage(name: string): string {
  const runtimes = dirname(require.resolve("@pagesense/conformance-runtimes/package.json"));
  return dirname(createRequire(join(runtimes, "package.json")).resolve(`${name}/package.json`));
}
