import type { Options } from "tsup";
import { prosePlugin } from "./packages/core/build/prose.mjs";

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

/**
 * The two extra builds of a package whose code runs in browsers (see docs/production-builds.md):
 * `dist/<entry>.production.*` with log lines and error messages as codes, and
 * `dist/<entry>.browser.*` choosing between codes and prose by `process.env.NODE_ENV`; the
 * package's `exports` map sends the `browser` condition to them (give every subpath export the
 * same three conditions). Types come from {@link libraryBuild}'s `.d.ts`.
 */
export function proseVariantBuilds(
  overrides: Options = {},
  entries: Record<string, string> = { index: "src/index.ts" },
): Options[] {
  const variant = (suffix: string, mode: "strip" | "guard"): Options =>
    libraryBuild({
      ...overrides,
      entry: Object.fromEntries(
        Object.entries(entries).map(([name, file]) => [`${name}.${suffix}`, file]),
      ),
      dts: false,
      clean: false,
      esbuildPlugins: [prosePlugin(mode)],
      // Keep the guard for the application's bundler: esbuild would otherwise define
      // process.env.NODE_ENV itself for platform "browser".
      define: { "process.env.NODE_ENV": "process.env.NODE_ENV" },
    });
  return [variant("production", "strip"), variant("browser", "guard")];
}
