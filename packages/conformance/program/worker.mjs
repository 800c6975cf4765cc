/**
 * The conformance program as a Cloudflare Worker (bundled by the suite with esbuild, served by
 * workerd): `GET /?entry=core|browser&collector=<url>` runs it and answers its JSON line.
 */
import * as browser from "@pagesense/browser";
import * as core from "@pagesense/core";
import { conformance } from "./conformance.mjs";

const ENTRIES = { core, browser };

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const entry = url.searchParams.get("entry");
    const baseUrl = url.searchParams.get("collector");
    try {
      const result = await conformance(ENTRIES[entry], { entry, baseUrl });
      return Response.json({ entry, format: "esm", result });
    } catch (error) {
      return Response.json({ entry, format: "esm", error: String(error?.stack ?? error) });
    }
  },
};
