#!/usr/bin/env node
// `npm run pack`: builds the public packages (every packages/* that is not private) and writes
// their installable tarballs to dist-packages/ (gitignored), then prints the `npm install` line for
// each. pnpm pack rewrites `workspace:^` ranges to the real versions, so the tarballs install
// anywhere, together with the tarballs of the @pagesense packages they depend on.
//   node scripts/pack.mjs [--out <dir>] [--no-build]
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
const out = resolve(outAt >= 0 ? args[outAt + 1] : join(root, "dist-packages"));
process.env.TURBO_TELEMETRY_DISABLED = "1";

function run(cmd, argv, cwd = root) {
  const r = spawnSync(cmd, argv, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (r.status !== 0) {
    console.error(r.stdout);
    console.error(`✖ ${cmd} ${argv.join(" ")} exited with ${r.status ?? r.signal}`);
    process.exit(r.status ?? 1);
  }
  return r.stdout;
}

/** The public workspace packages: name, version, folder and their @pagesense dependencies. */
function publicPackages() {
  return readdirSync(join(root, "packages"))
    .map((dir) => ({
      dir: join(root, "packages", dir),
      file: join(root, "packages", dir, "package.json"),
    }))
    .filter(({ file }) => {
      try {
        return !JSON.parse(readFileSync(file, "utf8")).private;
      } catch {
        return false;
      }
    })
    .map(({ dir, file }) => {
      const json = JSON.parse(readFileSync(file, "utf8"));
      const deps = Object.keys(json.dependencies ?? {}).filter((d) => d.startsWith("@pagesense/"));
      return { name: json.name, version: json.version, dir, deps };
    });
}

/** Dependencies first: core, then what builds on it. */
const depth = (p, all) =>
  p.deps.length === 0
    ? 0
    : 1 +
      Math.max(
        ...p.deps.map((d) =>
          depth(
            all.find((q) => q.name === d),
            all,
          ),
        ),
      );
const packages = publicPackages();
packages.sort((a, b) => depth(a, packages) - depth(b, packages) || a.name.localeCompare(b.name));
const filters = packages.map((p) => `--filter=${p.name}`);
if (!args.includes("--no-build")) {
  console.log(`Building ${packages.map((p) => p.name).join(", ")}…`);
  run("npx", [
    "-y",
    "pnpm@12.4.2",
    "exec",
    "turbo",
    "run",
    "build",
    ...filters,
    "--output-logs=errors-only",
  ]);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const tarballs = new Map();
for (const p of packages) {
  run("npx", ["-y", "pnpm@12.4.2", "pack", "--pack-destination", out], p.dir);
  const file = readdirSync(out).find(
    (f) => f === `${p.name.replace("@", "").replace("/", "-")}-${p.version}.tgz`,
  );
  if (!file) {
    console.error(`✖ no tarball for ${p.name} in ${out}`);
    process.exit(1);
  }
  tarballs.set(p.name, join(out, file));
}

/** A package's tarball and those of the @pagesense packages it needs, dependencies first. */
function withDependencies(name, seen = new Set()) {
  if (seen.has(name)) return [];
  seen.add(name);
  const p = packages.find((q) => q.name === name);
  return [...p.deps.flatMap((d) => withDependencies(d, seen)), tarballs.get(name)];
}

const shown = (file) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : `./${rel}`;
};
console.log(`\nTarballs in ${shown(out)}. Until a release is on npm, install from them:\n`);
for (const p of packages) {
  console.log(`  # ${p.name}`);
  console.log(`  npm install ${withDependencies(p.name).map(shown).join(" ")}\n`);
}
