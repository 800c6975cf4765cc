#!/usr/bin/env node
// Entry point for the README's two quick-start commands; needs only Node 20 and npm.
//   npm run demo  -> install, build, start the local PageSense server and the sample shop
//   npm test      -> install, build, lint, typecheck, test every package (what CI runs)
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ensureDebianTool } from "./lib/debianTool.mjs";

const PNPM = ["-y", "pnpm@12.4.2"];
const root = new URL("..", import.meta.url).pathname;
process.env.TURBO_TELEMETRY_DISABLED = "1";

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, ...opts });
  if (r.status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(" ")} exited with ${r.status ?? r.signal}`);
    process.exit(r.status ?? 1);
  }
}
const pnpm = (...args) => run("npx", [...PNPM, ...args]);

/**
 * `turbo run ...` with its output shown as it comes; resolves with turbo's cache count
 * ("Cached: 12 cached, 30 total"), exits when turbo fails.
 */
function turbo(...args) {
  const argv = [...PNPM, "exec", "turbo", "run", ...args];
  console.log(`\n$ npx ${argv.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn("npx", argv, { cwd: root, stdio: ["inherit", "pipe", "inherit"] });
    let tail = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on("exit", (code, signal) => {
      if (code !== 0) {
        console.error(`\n✖ turbo run ${args.join(" ")} exited with ${code ?? signal}`);
        process.exit(code ?? 1);
      }
      // biome-ignore lint/suspicious/noControlCharactersInRegex: turbo colours its summary
      const plain = tail.replace(/\x1b\[[0-9;]*m/g, "");
      const m = /Cached:\s+(\d+) cached, (\d+) total/.exec(plain);
      resolve({ cached: Number(m?.[1] ?? 0), total: Number(m?.[2] ?? 0) });
    });
  });
}

function summarizeTests({ cached, total }) {
  // Sum the vitest JSON reports every package writes to test-results/vitest.json.
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const dirs = ["packages", "apps", "scripts"].flatMap((group) =>
    existsSync(join(root, group))
      ? readdirSync(join(root, group)).map((n) => join(root, group, n))
      : [],
  );
  dirs.push(join(root, "bench"));
  for (const dir of dirs) {
    const file = join(dir, "test-results", "vitest.json");
    if (!existsSync(file)) continue;
    const r = JSON.parse(readFileSync(file, "utf8"));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  }
  console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (cached > 0) {
    console.log(
      `(turbo replayed ${cached} of ${total} tasks from its cache, with the counts of the run it ` +
        "cached: their inputs did not change. `npm test -- --force` runs everything again.)",
    );
  }
}

function startDemo() {
  // The sample's CLI (what `pnpm --filter @pagesense/sample run demo` runs), started with node
  // directly: on Ctrl-C pnpm reports "Command failed" even when the demo stopped cleanly.
  // SIGINT or SIGTERM to this process (from npm, a process manager, or Ctrl-C to the terminal's
  // process group) is passed on to the demo, which stops the shop, delivers its PageSense events
  // and closes the server (it treats copies of one signal arriving together as one request);
  // this process then exits with the demo's exit code. A signal to the demo itself ends it the
  // same way, and this process follows.
  const sample = join(root, "apps", "sample");
  console.log(`\n$ node dist/cli.js   (in apps/sample)`);
  const demo = spawn(process.execPath, ["dist/cli.js"], { cwd: sample, stdio: "inherit" });
  const forward = (signal) => {
    if (demo.exitCode === null && demo.signalCode === null) demo.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  demo.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** apt's output goes here (gitignored) when a tool has to be installed. */
const APT_LOG = join(root, ".ci", "apt.log");

/** The programs the tests run for real, found (or installed) before anything else happens. */
function ensureTestTools() {
  const chromium = ensureDebianTool({
    envVar: "CHROMIUM_PATH",
    commands: ["chromium", "chromium-browser", "google-chrome"],
    aptPackage: "chromium",
    why: "the browser tests drive a real headless Chromium",
    log: APT_LOG,
  });
  const redis = ensureDebianTool({
    envVar: "REDIS_SERVER_PATH",
    commands: ["redis-server"],
    aptPackage: "redis-server",
    why: "the @pagesense/redis tests start a real redis-server",
    log: APT_LOG,
  });
  console.log(`Using CHROMIUM_PATH=${chromium} and REDIS_SERVER_PATH=${redis}`);
}

const [command, ...flags] = process.argv.slice(2);
const install = ["install", ...(process.env.CI ? ["--frozen-lockfile"] : [])];
if (command === "test") {
  // `npm test -- --force`: run every task again instead of replaying turbo's cache.
  const force = flags.includes("--force") ? ["--force"] : [];
  ensureTestTools();
  pnpm(...install);
  pnpm("exec", "biome", "check", ".");
  const tasks = ["build", "typecheck", "check:package", "test"];
  summarizeTests(await turbo(...tasks, "--concurrency=1", ...force));
} else if (command === "demo") {
  // `--no-build` starts the demo as built (the signal tests use it); the README's command builds.
  if (!flags.includes("--no-build")) {
    pnpm(...install);
    pnpm("exec", "turbo", "run", "build", "--output-logs=errors-only");
  }
  startDemo();
} else {
  console.error("usage: node scripts/run.mjs test [--force] | demo [--no-build]");
  process.exit(2);
}
