import {
  type FakePageSense,
  type FakePageSenseOptions,
  startPageSenseServer,
} from "@pagesense/testing";
import { launchChromium } from "@pagesense/testing/chromium";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
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

/** A test file's {@link Rig} with the current test's browser context and page. */
export interface BrowserRig extends Rig {
  context: BrowserContext;
  page: Page;
}

/**
 * Starts the rig once for the test file (closed after it) and gives each test a fresh browser
 * context and page, with the fake server up and its records and failures cleared.
 */
export function useBrowserRig(server: FakePageSenseOptions = {}): BrowserRig {
  const rig = {} as BrowserRig;
  beforeAll(async () => {
    Object.assign(rig, await startRig(server));
  });
  afterAll(() => rig.close?.());
  beforeEach(async () => {
    await rig.server.up();
    rig.server.reset();
    rig.context = await rig.browser.newContext();
    rig.page = await rig.context.newPage();
  });
  afterEach(() => rig.context.close());
  return rig;
}
