// A newcomer's first hour, scripted: pack the public packages (`npm run pack`), install the
// tarballs into an empty project with npm (express and NestJS from npm's cache, or the registry
// when the cache lacks them), then run each README's main example, as written, against the local
// PageSense server (apps/server) and check that its events arrive. The examples are read from the
// READMEs, so an example that stops working fails here.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ExperimentReport, type RunningServer, startServer } from "@pagesense/server";
import { waitFor } from "@pagesense/testing";
import { launchChromium } from "@pagesense/testing/chromium";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atLocalServer, readmeBlock, runnable } from "../src/examples";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

let dir: string;
let project: string;
let server: RunningServer;
const running: ChildProcess[] = [];

/** Runs a command to completion; throws with its output when it fails. */
function sh(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 32 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pagesense-newcomer-"));
  const tarballs = join(dir, "tarballs");
  // The repository's own command (the packages are built: turbo builds them before this test).
  sh(process.execPath, [join(ROOT, "scripts/pack.mjs"), "--no-build", "--out", tarballs], ROOT);
  project = join(dir, "my-app");
  mkdirSync(project);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "my-app", private: true, type: "module" }),
  );
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  sh(
    "npm",
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      ...files,
      "express@^5",
      "@nestjs/common@^11",
      "@nestjs/core@^11",
      "@nestjs/platform-express@^11",
      "reflect-metadata",
      "rxjs",
    ],
    project,
  );
  server = await startServer({ port: 0, data: join(dir, "data"), logLevel: "silent" });
});

afterAll(async () => {
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Visitors and PurchaseCompleted conversions of PricingTest, summed over variations. */
async function totals(): Promise<{ visitors: number; purchases: number }> {
  const report = (await (
    await fetch(`${server.url}/api/report/PricingTest`)
  ).json()) as ExperimentReport;
  const purchase = report.goals.find((g) => g.linkName === "purchase")!;
  return {
    visitors: report.variations.reduce((n, v) => n + v.visitors, 0),
    purchases: purchase.variations.reduce((n, v) => n + v.conversions, 0),
  };
}

/** Waits until the server holds `more` visitors and purchases than `before`. */
async function arrived(
  before: { visitors: number; purchases: number },
  more: { visitors: number; purchases: number },
  output: () => string = () => "",
) {
  let now = before;
  try {
    await waitFor(async () => {
      now = await totals();
      return (
        now.visitors === before.visitors + more.visitors &&
        now.purchases === before.purchases + more.purchases
      );
    }, 15_000);
  } catch {
    throw new Error(
      `expected +${JSON.stringify(more)} over ${JSON.stringify(before)}, the server holds ` +
        `${JSON.stringify(now)}; the example's output:\n${output()}`,
    );
  }
}

/** Writes `js` into the project and starts it with node, as the reader would. */
function start(name: string, js: string, env: Record<string, string> = {}) {
  writeFileSync(join(project, name), js);
  const child = spawn(process.execPath, [name], {
    cwd: project,
    env: { ...process.env, PAGESENSE_SDK_KEY: "sdk-demo", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, exited, output: () => output };
}

/** A free port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A visitor of an app started from an example: GET /pricing, then POST /checkout with its cookie. */
async function visitAndBuy(base: string) {
  // Up when it answers anything (the root path is not a route: no visit is recorded).
  await waitFor(
    () =>
      fetch(`${base}/`).then(
        () => true,
        () => false,
      ),
    20_000,
  );
  const page = await fetch(`${base}/pricing`);
  expect(page.status).toBe(200);
  const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
  expect(cookie).toMatch(/^pagesense_uid=/);
  const checkout = await fetch(`${base}/checkout`, { method: "POST", headers: { cookie } });
  expect(checkout.status).toBeLessThan(300);
}

describe("a newcomer installs the packed tarballs and runs the README examples", () => {
  // Scripts that run to their end: a visit and a purchase each, from their own user.
  it.each([
    {
      page: "README.md",
      marks: ['from "@pagesense/node"', "trackGoal"],
      prelude: `const userId = "newcomer-root"; const showNewPricing = () => {}; const showOldPricing = () => {};`,
    },
    {
      page: "packages/node/README.md", // no close(): delivered when the script ends (beforeExit)
      marks: ["FileUserStorage", "trackGoal"],
      prelude: `const user = { id: "newcomer-node" }; const showNewPricing = () => {};`,
    },
    {
      page: "packages/core/README.md",
      marks: ['from "@pagesense/core"'],
      prelude: `const sdkKey = process.env.PAGESENSE_SDK_KEY; const userId = "newcomer-core";`,
    },
  ])("$page: the usage example runs to its end", async ({ page, marks, prelude }) => {
    const block = readmeBlock(ROOT, page, marks);
    const before = await totals();
    const name = `${page.replace(/\W+/g, "-")}.mjs`;
    const run = start(name, runnable(atLocalServer(block.code, server.url), prelude));
    expect(await run.exited, run.output()).toBe(0);
    await arrived(before, { visitors: 1, purchases: 1 }, run.output);
  });

  it("packages/express/README.md: Usage, a visit and a checkout, then SIGTERM", async () => {
    const block = readmeBlock(ROOT, "packages/express/README.md", ["app.listen(3000)"]);
    const port = await freePort();
    const code = atLocalServer(block.code, server.url).replace(
      "app.listen(3000)",
      "app.listen(Number(process.env.PORT))",
    );
    const before = await totals();
    const app = start("express.mjs", runnable(code), { PORT: String(port) });
    await visitAndBuy(`http://127.0.0.1:${port}`);
    app.child.kill("SIGTERM"); // @pagesense/node delivers the queued events, then exits
    await app.exited;
    await arrived(before, { visitors: 1, purchases: 1 }, app.output);
  });

  it("packages/nestjs/README.md: the module and the controller, a visit and a checkout", async () => {
    const mod = readmeBlock(ROOT, "packages/nestjs/README.md", ["PageSenseModule.forRoot("]);
    const controller = readmeBlock(ROOT, "packages/nestjs/README.md", ["class PricingController"]);
    const port = await freePort();
    // The README shows the pieces; the app around them is Nest's usual bootstrap.
    const bootstrap = `
import { NestFactory } from "@nestjs/core";
@Module({ imports: [AppModule], controllers: [PricingController] })
class NewcomerApp {}
const app = await NestFactory.create(NewcomerApp, { logger: ["error", "warn"] });
await app.listen(Number(process.env.PORT), "127.0.0.1");`;
    const code = `${atLocalServer(mod.code, server.url)}\n${controller.code}`;
    const before = await totals();
    const app = start("nest.mjs", runnable(code, `import "reflect-metadata";`, bootstrap), {
      PORT: String(port),
    });
    await visitAndBuy(`http://127.0.0.1:${port}`);
    app.child.kill("SIGTERM");
    await app.exited;
    await arrived(before, { visitors: 1, purchases: 1 }, app.output);
  });

  it("packages/browser/README.md: the <script> tag, self-hosted, in Chromium", async () => {
    const tag = readmeBlock(ROOT, "packages/browser/README.md", ["PageSense.createClient"], "html");
    const file = join(project, "node_modules/@pagesense/browser/dist/pagesense.global.js");
    const script = readFileSync(file);
    const html = `<!doctype html><body>${atLocalServer(tag.code, server.url)}</body>`;
    const site: Server = createServer((req, res) => {
      const js = req.url === "/assets/pagesense.global.js";
      res.writeHead(200, { "content-type": js ? "text/javascript" : "text/html" });
      res.end(js ? script : html);
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    const browser = await launchChromium();
    try {
      const before = await totals();
      const page = await browser.newPage();
      let console = "";
      page.on("console", (m) => (console += `${m.type()}: ${m.text()}\n`));
      await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
      await arrived(before, { visitors: 1, purchases: 0 }, () => console);
    } finally {
      await browser.close();
      await new Promise((resolve) => site.close(resolve));
    }
  });
});
