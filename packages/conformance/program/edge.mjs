/**
 * The conformance program for Vercel's edge-runtime (bundled by the suite with esbuild as a
 * script): defines `runConformance(entry, baseUrl)` in the edge context.
 */
import * as browser from "@pagesense/browser";
import * as core from "@pagesense/core";
import { conformance } from "./conformance.mjs";

const ENTRIES = { core, browser };

globalThis.runConformance = async (entry, baseUrl) => {
  try {
    const result = await conformance(ENTRIES[entry], { entry, baseUrl });
    return JSON.stringify({ entry, format: "esm", result });
  } catch (error) {
    return JSON.stringify({ entry, format: "esm", error: String(error?.stack ?? error) });
  }
};
