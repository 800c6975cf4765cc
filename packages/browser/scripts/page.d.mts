// Types of page.mjs for the tests.
import type { BuildOptions, BuildResult } from "esbuild";

export const packageRoot: string;
export const PAGE: string;
export function bundlePage(
  options?: BuildOptions,
): Promise<
  BuildResult<{ write: false }> & { outputFiles: NonNullable<BuildResult["outputFiles"]> }
>;
