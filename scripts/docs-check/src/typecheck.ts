import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import type { CodeBlock } from "./markdown";

/**
 * What a reader's project would use: `strict`, ES2022 modules with top-level await, DOM and Node
 * types (pages mix browser and server code), legacy decorators (NestJS), `esModuleInterop`
 * (`import express from "express"`). Packages resolve from this workspace's node_modules.
 */
export const SNIPPET_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  types: ["node"],
  experimentalDecorators: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  jsx: ts.JsxEmit.ReactJSX,
};

/** One type error, located in the Markdown page. */
export interface SnippetError {
  /** `packages/node/README.md:42` (or `...:preamble of line 42`). */
  readonly where: string;
  readonly message: string;
}

/**
 * Type-checks `blocks` as one program (each block its own module, in `dir`, which must be inside a
 * folder whose node_modules has the imported packages). Returns the errors of each block, in order.
 */
export function typecheckBlocks(blocks: readonly CodeBlock[], dir: string): SnippetError[][] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = blocks.map((block, i) => {
    const name = join(
      dir,
      `${i}-${block.file.replace(/[^\w]+/g, "_")}-${block.line}.${block.lang}`,
    );
    // The preamble's lines come first; `export {}` makes every block a module.
    const head = block.preamble ? `${block.preamble}\n` : "";
    writeFileSync(name, `${head}${block.code}\nexport {};\n`);
    return { name, block, headLines: head ? head.split("\n").length - 1 : 0 };
  });
  const program = ts.createProgram(
    files.map((f) => f.name),
    SNIPPET_OPTIONS,
  );
  return files.map(({ name, block, headLines }) => {
    const source = program.getSourceFile(name)!;
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    return diagnostics.map((d) => {
      const line = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
      const where =
        line < headLines
          ? `${block.file}:${block.line - 1} (preamble)`
          : `${block.file}:${block.line + line - headLines}`;
      return { where, message: ts.flattenDiagnosticMessageText(d.messageText, "\n") };
    });
  });
}
