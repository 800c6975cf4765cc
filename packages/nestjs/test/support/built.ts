import { cpSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The Nest major this test project runs against (see vitest.config.ts). */
export const NEST_MAJOR = Number(process.env.PAGESENSE_NEST_MAJOR ?? "11");

/**
 * Where the tests load the built package from: `dist/` itself on Nest 11; on Nest 12 a fresh copy
 * in `nest12/built/`, whose `@nestjs/*` imports resolve to Nest 12 (nest12/node_modules) as in an
 * app that installed the package next to Nest 12.
 */
export function builtDir(): string {
  const dist = fileURLToPath(new URL("../../dist/", import.meta.url));
  if (NEST_MAJOR === 11) return dist;
  const copy = fileURLToPath(new URL("../../nest12/built/dist/", import.meta.url));
  rmSync(copy, { recursive: true, force: true });
  cpSync(dist, copy, { recursive: true });
  return copy;
}
