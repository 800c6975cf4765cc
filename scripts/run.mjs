#!/usr/bin/env node
// Entry point for the README's two quick-start commands; needs only Node 20 and npm.
//   npm run demo  -> install, build, start the local PageSense server and the sample shop
//   npm test      -> install, build, lint, typecheck, test every package (what CI runs)
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

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

function summarizeTests() {
  // Sum the vitest JSON reports every package writes to test-results/vitest.json.
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const dirs = ["packages", "apps"].flatMap((group) =>
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
}

function startDemo() {
  // The sample's CLI (what `pnpm --filter @pagesense/sample run demo` runs), started with node
  // directly: on Ctrl-C pnpm reports "Command failed" even when the demo stopped cleanly.
  // Ctrl-C reaches the demo from the terminal (same process group): it stops the shop, delivers
  // its PageSense events and closes the server. This process only waits for it, and passes on a
  // SIGTERM (which the terminal does not send to the group).
  const sample = join(root, "apps", "sample");
  console.log(`\n$ node dist/cli.js   (in apps/sample)`);
  const demo = spawn(process.execPath, ["dist/cli.js"], { cwd: sample, stdio: "inherit" });
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => demo.kill("SIGTERM"));
  demo.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** Debian's Chromium drives the browser tests; installed with apt-get when missing (as root). */
function ensureChromium() {
  const which = () => spawnSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" });
  let found = which().stdout.trim();
  if (
    !found &&
    process.getuid?.() === 0 &&
    spawnSync("sh", ["-c", "command -v apt-get"]).status === 0
  ) {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    run("apt-get", ["update", "-qq"], { env });
    run("apt-get", ["install", "-y", "-qq", "chromium"], { env });
    found = which().stdout.trim();
  }
  if (!found) {
    console.error(
      "✖ the browser tests need Debian's chromium: run `sudo apt-get install -y chromium`",
    );
    process.exit(1);
  }
  process.env.CHROMIUM_PATH ??= found;
}

const command = process.argv[2];
const install = ["install", ...(process.env.CI ? ["--frozen-lockfile"] : [])];
if (command === "test") {
  ensureChromium();
  pnpm(...install);
  pnpm("exec", "biome", "check", ".");
  pnpm("exec", "turbo", "run", "build", "typecheck", "check:package", "test", "--concurrency=1");
  summarizeTests();
} else if (command === "demo") {
  pnpm(...install);
  pnpm("exec", "turbo", "run", "build", "--output-logs=errors-only");
  startDemo();
} else {
  console.error("usage: node scripts/run.mjs <test|demo>");
  process.exit(2);
}
