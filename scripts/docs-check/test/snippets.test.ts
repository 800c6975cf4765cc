// Every TypeScript block of every README and docs/ page compiles under `strict`, against the
// built packages (see CONTRIBUTING.md, "Code examples in docs", for the hidden-preamble and
// opt-out comments).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { collectBlocks, extractBlocks, findPages } from "../src/markdown";
import { typecheckBlocks } from "../src/typecheck";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const HERE = fileURLToPath(new URL("..", import.meta.url));

const blocks = collectBlocks(ROOT);
const checked = blocks.filter((b) => b.skip === undefined);
const errors = typecheckBlocks(checked, join(HERE, ".snippets"));

describe("README and docs code blocks compile (strict)", () => {
  it.each(checked.map((block, i) => [`${block.file}:${block.line}`, i] as const))("%s", (_, i) => {
    const found = errors[i]!.map((e) => `${e.where}: ${e.message}`);
    expect(found).toEqual([]);
  });
});

describe("the checker", () => {
  it("reads every README and docs page, including pages added later", () => {
    const pages = findPages(ROOT);
    expect(pages).toContain("README.md");
    expect(pages).toContain("docs/behaviour.md");
    for (const dir of readdirSync(join(ROOT, "packages")))
      expect(pages).toContain(`packages/${dir}/README.md`);
    expect(checked.length).toBeGreaterThan(10);
  });

  it("knows every public package, so examples can import it", () => {
    const deps = JSON.parse(readFileSync(join(HERE, "package.json"), "utf8")).devDependencies;
    for (const dir of readdirSync(join(ROOT, "packages"))) {
      const pkg = JSON.parse(readFileSync(join(ROOT, "packages", dir, "package.json"), "utf8"));
      if (pkg.private) continue;
      // When this fails: add the package to scripts/docs-check/package.json devDependencies.
      expect(deps, `${pkg.name} in scripts/docs-check devDependencies`).toHaveProperty(pkg.name);
    }
  });

  it("reads preambles and opt-outs, and refuses an opt-out without a reason", () => {
    const page = [
      "<!-- snippet: declare const userId: string; -->",
      "```ts",
      "console.log(userId);",
      "```",
      "<!-- snippet-skip: shows a type error on purpose -->",
      "",
      "```typescript",
      "const n: number = 'x';",
      "```",
      "- a list item:",
      "  ```ts",
      "  const indented = 1;",
      "  ```",
      "```sh",
      "npm test",
      "```",
    ].join("\n");
    const found = extractBlocks("page.md", page);
    expect(found.map((b) => [b.line, b.code, b.preamble, b.skip])).toEqual([
      [3, "console.log(userId);", "declare const userId: string;", undefined],
      [8, "const n: number = 'x';", "", "shows a type error on purpose"],
      [12, "const indented = 1;", "", undefined],
    ]);
    expect(() => extractBlocks("page.md", "<!-- snippet-skip -->\n```ts\nx\n```")).toThrow(
      "page.md:1: snippet-skip needs a reason",
    );
  });

  it("reports a type error at its line in the page", () => {
    const page = "text\n\n```ts\nconst ok = 1;\nconst n: number = 'x';\n```\n";
    const [result] = typecheckBlocks(extractBlocks("page.md", page), join(HERE, ".snippets-self"));
    expect(result!.map((e) => e.where)).toEqual(["page.md:5"]);
    expect(result![0]!.message).toContain("not assignable to type 'number'");
  });
});
