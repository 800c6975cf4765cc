import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const GUIDE = fileURLToPath(new URL("../../../../docs/serverless.md", import.meta.url));
const NODE_MODULES = fileURLToPath(new URL("../../node_modules", import.meta.url));

/**
 * The TypeScript examples of docs/serverless.md, by the file name on their first line
 * (`// worker.ts — ...` → `worker.ts`).
 */
export function guideExamples(): Map<string, string> {
  const examples = new Map<string, string>();
  for (const [, code] of readFileSync(GUIDE, "utf8").matchAll(/```ts\n([\s\S]*?)```/g)) {
    const name = /^\/\/ (\S+)/.exec(code!)?.[1];
    if (name) examples.set(name, code!);
  }
  return examples;
}

/**
 * `code` talking to `baseUrl` instead of PageSense's hosts: `baseUrl` is added to its one
 * `createClient({` call (the only change made to an example).
 */
export function pointedAt(code: string, baseUrl: string): string {
  const calls = code.split("createClient({").length - 1;
  if (calls !== 1) throw new Error(`expected one createClient({ call, found ${calls}`);
  return code.replace("createClient({", `createClient({\n  baseUrl: ${JSON.stringify(baseUrl)},`);
}

/** How to bundle: the target runtime's platform and export conditions, and the output format. */
export interface BundleTarget {
  platform: "neutral" | "node";
  conditions: string[];
  format: "esm" | "iife";
  /** With `iife`: the global variable holding the exports. */
  globalName?: string;
  /** Code replacing identifiers, e.g. `{ __COLLECTOR__: '"http://..."' }`. */
  define?: Record<string, string>;
}

/** Worker-like runtimes (workerd, Deno, Bun serve the same default export). */
export const WORKER: BundleTarget = {
  platform: "neutral",
  conditions: ["workerd", "worker", "browser"],
  format: "esm",
};

/** Vercel's edge-runtime evaluates scripts: an IIFE built with the edge export conditions. */
export const EDGE_SCRIPT: BundleTarget = {
  platform: "neutral",
  conditions: ["edge-light", "worker", "browser"],
  format: "iife",
};

/** Bundles the module at `entryPoint` with the built `@pagesense/*` packages; resolves with its text. */
export async function bundle(entryPoint: string, target: BundleTarget): Promise<string> {
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    write: false,
    format: target.format,
    platform: target.platform,
    conditions: target.conditions,
    mainFields: ["module", "main"],
    nodePaths: [NODE_MODULES],
    external: ["cloudflare:*"],
    define: target.define,
    globalName: target.globalName,
    logLevel: "error",
  });
  return result.outputFiles[0]!.text;
}

/**
 * Bundles `files` (name → source; the first is the entry, the others are what it imports as
 * `./name`), as a Workers or serverless bundler would.
 */
export async function bundleFiles(files: Record<string, string>, target: BundleTarget) {
  const dir = await mkdtemp(join(tmpdir(), "pagesense-bundle-"));
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    return await bundle(join(dir, Object.keys(files)[0]!), target);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
