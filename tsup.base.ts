import type { Options } from "tsup";

/**
 * The build every published package shares: `src/index.ts` to ESM + CJS + `.d.ts` with source
 * maps, for the package's `exports` map. Packages override only what differs (platform, entries).
 */
export function libraryBuild(overrides: Options = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    platform: "node",
    ...overrides,
  };
}
