import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** One TypeScript code block of a Markdown page. */
export interface CodeBlock {
  /** The page, relative to the repository root (`packages/node/README.md`). */
  readonly file: string;
  /** 1-based line of the block's first code line in the page. */
  readonly line: number;
  /** `ts` or `tsx` (from the fence's info string). */
  readonly lang: "ts" | "tsx";
  /** The code, with the fence's indentation removed. */
  readonly code: string;
  /** Hidden code the block needs (declarations), from a `<!-- snippet ... -->` comment. */
  readonly preamble: string;
  /** Why the block is not checked, from a `<!-- snippet-skip: reason -->` comment. */
  readonly skip?: string;
}

/** Folders never searched for pages. */
const IGNORED = new Set(["node_modules", "dist", ".git", ".turbo", "dist-packages", ".snippets"]);

/**
 * Every page whose examples users read: each `README.md` in the repository and every Markdown
 * file under a `docs/` folder, found on disk (new pages are picked up without registering them).
 */
export function findPages(root: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string, inDocs: boolean) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (IGNORED.has(entry.name) || entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, inDocs || entry.name === "docs");
      else if (entry.name === "README.md" || (inDocs && entry.name.endsWith(".md")))
        pages.push(relative(root, path));
    }
  };
  walk(root, false);
  return pages.sort();
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/;
const TS_LANGS: Record<string, "ts" | "tsx"> = { ts: "ts", typescript: "ts", tsx: "tsx" };

/**
 * The TypeScript blocks of one page. A block may be preceded (blank lines between are fine) by
 * one HTML comment, invisible on GitHub and npm:
 * - `<!-- snippet: declare const userId: string; -->` (or the same over several lines): code put
 *   before the block when it is checked, for what the surrounding prose provides;
 * - `<!-- snippet-skip: reason -->`: the block is not checked; the reason is required.
 * Throws when a `snippet-skip` has no reason.
 */
export function extractBlocks(file: string, text: string): CodeBlock[] {
  const lines = text.split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, info] = open as unknown as [string, string, string, string];
    let end = i + 1;
    while (end < lines.length && !lines[end]!.trimStart().startsWith(fence)) end++;
    const lang = TS_LANGS[info.toLowerCase()];
    if (lang) {
      const code = lines
        .slice(i + 1, end)
        .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()))
        .join("\n");
      blocks.push({ file, line: i + 2, lang, code, ...marker(file, lines, i) });
    }
    i = end;
  }
  return blocks;
}

/** The `snippet` / `snippet-skip` comment ending right above line `fence`, if any. */
function marker(file: string, lines: string[], fence: number): { preamble: string; skip?: string } {
  let last = fence - 1;
  while (last >= 0 && lines[last]!.trim() === "") last--;
  if (last < 0 || !lines[last]!.trimEnd().endsWith("-->")) return { preamble: "" };
  let first = last;
  while (first > 0 && !lines[first]!.includes("<!--")) first--;
  const comment = lines
    .slice(first, last + 1)
    .join("\n")
    .trim()
    .replace(/^<!--/, "")
    .replace(/-->$/, "")
    .trim();
  if (comment.startsWith("snippet-skip")) {
    const reason = comment.replace(/^snippet-skip:?/, "").trim();
    if (!reason) {
      throw new Error(
        `${file}:${first + 1}: snippet-skip needs a reason (<!-- snippet-skip: why -->)`,
      );
    }
    return { preamble: "", skip: reason };
  }
  if (comment.startsWith("snippet")) return { preamble: comment.replace(/^snippet:?/, "").trim() };
  return { preamble: "" };
}

/** Every TypeScript block of every page under `root`. */
export function collectBlocks(root: string): CodeBlock[] {
  return findPages(root).flatMap((page) =>
    extractBlocks(page, readFileSync(join(root, page), "utf8")),
  );
}
