/**
 * Hosts the edge bundle in Vercel's `edge-runtime` (an isolated VM context with the edge globals):
 * `edge-host.mjs <bundle.js> '<json>'`, the JSON listing `{ entry, baseUrl }`. Prints one JSON
 * line per entry, as run.mjs does.
 */
import { readFileSync } from "node:fs";
import { EdgeRuntime } from "edge-runtime";

const runtime = new EdgeRuntime({ initialCode: readFileSync(process.argv[2], "utf8") });
for (const { entry, baseUrl } of JSON.parse(process.argv[3])) {
  const call = `runConformance(${JSON.stringify(entry)}, ${JSON.stringify(baseUrl)})`;
  console.log(await runtime.evaluate(call));
}
