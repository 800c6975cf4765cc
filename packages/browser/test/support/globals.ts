import type * as Browser from "../../src/index";

declare global {
  interface Window {
    /** The package bundled from dist by esbuild (test/support/site.ts, /app.html). */
    PSTest: typeof Browser;
    /** The IIFE build's global (/script.html). */
    PageSense: typeof Browser;
    /** The client a test created in the page. */
    client: Browser.BrowserClient;
  }
}
