import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type CodeBlock, extractBlocks } from "@pagesense/docs-check/markdown";
import ts from "typescript";

/** The first code block of `file` (TypeScript, or `lang`) that contains every one of `marks`. */
export function readmeBlock(root: string, file: string, marks: string[], lang = "ts"): CodeBlock {
  const text = readFileSync(join(root, file), "utf8");
  const blocks =
    lang === "ts"
      ? extractBlocks(file, text)
      : [...text.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => ({
          file,
          line: 0,
          lang: "ts" as const,
          code: m[1]!,
          preamble: "",
        }));
  const block = blocks.find((b) => marks.every((m) => b.code.includes(m)));
  if (!block) throw new Error(`${file}: no ${lang} block containing ${marks.join(", ")}`);
  return block;
}

/**
 * The README's account, pointed at the local server: a reader would put their own account and key
 * there; here the same line gains `baseUrl` (the local server ignores the account) and the `"…"`
 * key placeholder becomes the local server's key.
 */
export function atLocalServer(code: string, baseUrl: string): string {
  const pointed = code
    .replaceAll(
      /accountId: "abcd1234-US"/g,
      `accountId: "abcd1234-US", baseUrl: ${JSON.stringify(baseUrl)}`,
    )
    .replaceAll('sdkKey: "…"', 'sdkKey: "sdk-demo"');
  if (pointed === code) throw new Error(`no accountId: "abcd1234-US" to point at ${baseUrl}`);
  return pointed;
}

/**
 * TypeScript to the JavaScript a reader's build would run (ES modules, legacy decorators for
 * NestJS), with `prelude` (values the README leaves to the reader) before it.
 */
export function runnable(code: string, prelude = "", epilogue = ""): string {
  return ts.transpileModule(`${prelude}\n${code}\n${epilogue}`, {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      verbatimModuleSyntax: false,
    },
  }).outputText;
}
