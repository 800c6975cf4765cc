#!/usr/bin/env node
// `npm run release`: what a maintainer runs to publish the @pagesense packages to npm, on an
// up-to-date, clean `main` holding the changesets of the release (`npm run changeset` adds one):
//   1. `changeset version` consumes .changeset/*.md, bumps every @pagesense package together (the
//      `fixed` group in .changeset/config.json) and writes their CHANGELOG.md;
//   2. `pnpm install --lockfile-only` keeps the lockfile in step; `npm test -- --force` runs the
//      whole suite on the new versions;
//   3. commits "release: vX.Y.Z" and tags `vX.Y.Z`;
//   4. `changeset publish`: pnpm publishes each public package (workspace: ranges rewritten to the
//      versions), with npm provenance (a signed statement of the commit and workflow that built
//      it). Provenance needs a CI provider with OIDC (GitHub Actions with `permissions:
//      id-token: write`); from a laptop, pass `--no-provenance`.
// Credentials never live in this repository: npm reads the maintainer's ~/.npmrc (`npm login`) or
// an `NPM_TOKEN` secret of the CI job (`//registry.npmjs.org/:_authToken=${NPM_TOKEN}`).
// Afterwards: `git push --follow-tags`.
//   npm run release [-- --no-provenance]
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const provenance = !process.argv.includes("--no-provenance");

function run(cmd, args, env = process.env) {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(
      `✖ ${cmd} ${args.join(" ")} exited with ${r.status ?? r.signal}; nothing published`,
    );
    process.exit(r.status ?? 1);
  }
}
const output = (cmd, args) => spawnSync(cmd, args, { cwd: root, encoding: "utf8" }).stdout.trim();
const pnpm = (...args) => run("npx", ["-y", "pnpm@12.4.2", ...args]);

if (output("git", ["status", "--porcelain"])) {
  console.error("✖ the working tree has changes: release from a clean checkout of main");
  process.exit(1);
}
const changesets = readdirSync(join(root, ".changeset")).filter(
  (f) => f.endsWith(".md") && f !== "README.md",
);
if (changesets.length === 0) {
  console.error(
    "✖ no changesets in .changeset/: nothing to release (`npm run changeset` adds one)",
  );
  process.exit(1);
}

pnpm("exec", "changeset", "version");
pnpm("install", "--lockfile-only");
run("npm", ["test", "--", "--force"]);
const { version } = JSON.parse(readFileSync(join(root, "packages/core/package.json"), "utf8"));
run("git", ["add", "-A"]);
run("git", ["commit", "-m", `release: v${version}`]);
run("git", ["tag", `v${version}`]);
run("npx", ["-y", "pnpm@12.4.2", "exec", "changeset", "publish"], {
  ...process.env,
  NPM_CONFIG_PROVENANCE: String(provenance),
});
console.log(`\nPublished v${version}. Now: git push --follow-tags`);
