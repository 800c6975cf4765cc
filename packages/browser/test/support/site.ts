import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type LocalServer, listenLocal } from "@pagesense/testing";
import { build } from "esbuild";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Makes `localStorage` throw on access, as when the user blocks site data. */
const BLOCK_STORAGE = `<script>
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The user denied access to storage", "SecurityError"); },
});
</script>`;

/**
 * The test site on 127.0.0.1 (a different origin than the fake PageSense server, as in
 * production):
 * - `/app.html`: the package's ESM build bundled by esbuild, as a user's bundler would, exposed as
 *   `window.PSTest` (its exports);
 * - `/app.production.html`: the same, bundled and minified as a production build (log lines as
 *   codes, docs/production-builds.md);
 * - `/script.html`: the published `dist/pagesense.global.js` (a production build) in a plain
 *   `<script>` tag;
 * - `/blank.html`: somewhere to navigate to.
 * Add `?blockStorage` to make `localStorage` throw on that page.
 */
export type TestSite = LocalServer;

/**
 * Bundles the package (through its package.json, from dist) like an application would; `minify`
 * makes it a production build (esbuild then defines process.env.NODE_ENV as "production").
 */
async function bundleApp(minify = false): Promise<string> {
  const result = await build({
    stdin: {
      contents: 'export * from "@pagesense/browser";',
      resolveDir: packageRoot,
      loader: "js",
    },
    alias: { "@pagesense/browser": packageRoot },
    bundle: true,
    format: "iife",
    globalName: "PSTest",
    platform: "browser",
    target: "es2020",
    minify,
    write: false,
    logLevel: "error",
  });
  return result.outputFiles[0]!.text;
}

export async function startSite(): Promise<TestSite> {
  const [app, appProduction] = await Promise.all([bundleApp(), bundleApp(true)]);
  const iife = readFileSync(join(packageRoot, "dist", "pagesense.global.js"), "utf8");
  const page = (script: string, blockStorage: boolean) =>
    `<!doctype html><html><head><meta charset="utf-8">${blockStorage ? BLOCK_STORAGE : ""}<script src="${script}"></script></head><body></body></html>`;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const blockStorage = url.searchParams.has("blockStorage");
    const files: Record<string, [string, string]> = {
      "/app.html": ["text/html", page("/app.js", blockStorage)],
      "/app.production.html": ["text/html", page("/app.production.js", blockStorage)],
      "/script.html": ["text/html", page("/pagesense.global.js", blockStorage)],
      "/blank.html": ["text/html", "<!doctype html><title>blank</title>"],
      "/app.js": ["text/javascript", app],
      "/app.production.js": ["text/javascript", appProduction],
      "/pagesense.global.js": ["text/javascript", iife],
    };
    const file = files[url.pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "content-type": `${file[0]}; charset=utf-8`,
      "cache-control": "no-store",
    });
    res.end(file[1]);
  });
  return listenLocal(server);
}
