/**
 * Runs the conformance program in Node, Bun or Deno: `run.mjs '<json>'` where the JSON lists
 * `{ entry, format, path, baseUrl }` (one collector each). ESM entries are imported, CJS entries
 * required. Prints one JSON line per entry: `{ entry, format, result }` or `{ ..., error }`.
 */
import { createRequire } from "node:module";
import { conformance } from "./conformance.mjs";

const require = createRequire(import.meta.url);

for (const run of JSON.parse(process.argv[2])) {
  const { entry, format, path, baseUrl } = run;
  try {
    const sdk = format === "cjs" ? require(path) : await import(path);
    const result = await conformance(sdk, { entry, baseUrl });
    console.log(JSON.stringify({ entry, format, result }));
  } catch (error) {
    console.log(JSON.stringify({ entry, format, error: String(error?.stack ?? error) }));
  }
}
