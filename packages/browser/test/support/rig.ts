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
export class Rig {
  readonly browser: Browser;
  readonly site: TestSite;
  readonly server: FakePageSense;

  private constructor(browser: Browser, site: TestSite, server: FakePageSense) {
    this.browser = browser;
    this.site = site;
    this.server = server;
  }

  /** Starts Chromium, the test site and a fake PageSense server (project "Shop", key "sdk-demo"). */
  static async start(server: FakePageSenseOptions = {}): Promise<Rig> {
    const [browser, site, pagesense] = await Promise.all([
      launchChromium(),
      startSite(),
      startPageSenseServer({ sdkKey: "sdk-demo", projectName: "Shop", ...server }),
    ]);
    return new Rig(browser, site, pagesense);
  }

  /** Closes the browser, the site and the server. */
  async close(): Promise<void> {
    await Promise.all([this.browser.close(), this.site.close(), this.server.close()]);
  }
}

/** Starts a {@link Rig}; close it with `close()`. */
export function startRig(server: FakePageSenseOptions = {}): Promise<Rig> {
  return Rig.start(server);
}

/**
 * A test file's {@link Rig} plus the current test's browser context and page. {@link start} and
 * {@link close} run once per file, {@link openPage} and {@link closePage} around each test (see
 * {@link useBrowserRig}); reading a part outside them throws, naming the part.
 */
export class BrowserRig {
  readonly #server: FakePageSenseOptions;
  #rig: Rig | undefined;
  #context: BrowserContext | undefined;
  #page: Page | undefined;

  constructor(server: FakePageSenseOptions = {}) {
    this.#server = server;
  }

  get browser(): Browser {
    return this.#started().browser;
  }

  get site(): TestSite {
    return this.#started().site;
  }

  get server(): FakePageSense {
    return this.#started().server;
  }

  /** The current test's browser context. */
  get context(): BrowserContext {
    if (!this.#context) throw new Error("BrowserRig: no context outside a test (openPage())");
    return this.#context;
  }

  /** The current test's page. */
  get page(): Page {
    if (!this.#page) throw new Error("BrowserRig: no page outside a test (openPage())");
    return this.#page;
  }

  /** Starts Chromium, the test site and the fake server (before the file's tests). */
  async start(): Promise<void> {
    this.#rig = await Rig.start(this.#server);
  }

  /** Brings the fake server up with its records and failures cleared, and opens a fresh page. */
  async openPage(): Promise<void> {
    const rig = this.#started();
    await rig.server.up();
    rig.server.reset();
    this.#context = await rig.browser.newContext();
    this.#page = await this.#context.newPage();
  }

  /** Closes the current test's context (and its page). */
  async closePage(): Promise<void> {
    const context = this.#context;
    this.#context = undefined;
    this.#page = undefined;
    await context?.close();
  }

  /** Closes everything (after the file's tests); safe when {@link start} failed. */
  async close(): Promise<void> {
    await this.closePage();
    const rig = this.#rig;
    this.#rig = undefined;
    await rig?.close();
  }

  #started(): Rig {
    if (!this.#rig) throw new Error("BrowserRig: not started (start() runs before the tests)");
    return this.#rig;
  }
}

/**
 * A {@link BrowserRig} for the calling test file: started once for the file (closed after it),
 * with a fresh browser context and page per test and the fake server up and cleared.
 */
export function useBrowserRig(server: FakePageSenseOptions = {}): BrowserRig {
  const rig = new BrowserRig(server);
  beforeAll(() => rig.start());
  afterAll(() => rig.close());
  beforeEach(() => rig.openPage());
  afterEach(() => rig.closePage());
  return rig;
}
