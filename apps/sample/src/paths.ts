import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

// This file sits one level below the package root both as source (src/) and bundled (dist/).
/** The shop's static files (stylesheet, browser script). */
export const PUBLIC_DIR = fileURLToPath(new URL("../public/", import.meta.url));

/** `@pagesense/browser`'s script-tag build (exposes `window.PageSense`), resolved like an import. */
export const BROWSER_BUNDLE = createRequire(import.meta.url).resolve("@pagesense/browser/iife");

/** The folder holding {@link BROWSER_BUNDLE} and its source map. */
export const BROWSER_BUNDLE_DIR = dirname(BROWSER_BUNDLE);

/** The demo command's data directory, `apps/sample/.data` (gitignored). */
export const SAMPLE_DATA_DIR = fileURLToPath(new URL("../.data/", import.meta.url));
