import {
  type FakePageSense,
  type FakePageSenseOptions,
  startPageSenseServer,
} from "@pagesense/testing";
import { launchChromium } from "@pagesense/testing/chromium";
import type { Browser } from "playwright-core";
import { startSite, type TestSite } from "./site";

/** What a browser test file runs against: Chromium, the test site and a fake PageSense server. */
export interface Rig {
  browser: Browser;
  site: TestSite;
  server: FakePageSense;
  close(): Promise<void>;
}

/** Starts Chromium, the test site and a fake PageSense server (project "Shop", key "sdk-demo"). */
export async function startRig(server: FakePageSenseOptions = {}): Promise<Rig> {
  const [browser, site, pagesense] = await Promise.all([
    launchChromium(),
    startSite(),
    startPageSenseServer({ sdkKey: "sdk-demo", projectName: "Shop", ...server }),
  ]);
  return {
    browser,
    site,
    server: pagesense,
    close: async () => {
      await Promise.all([browser.close(), site.close(), pagesense.close()]);
    },
  };
}
