#!/usr/bin/env node
// Writes docs/log-codes.md: every code a production browser build logs, with its message and
// source (see prose.mjs). Run from anywhere: `pnpm log-codes` (or `npm run log-codes`) at the root.
// `--check` only compares, exiting 1 when the file is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { logCodesMarkdown, SOURCE_DIRS, scan } from "./prose.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const target = join(root, "docs", "log-codes.md");
const text = logCodesMarkdown(await scan(root, SOURCE_DIRS));
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {}
  if (current !== text) {
    console.error("docs/log-codes.md is stale: run `npm run log-codes` at the repository root");
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
