import { exampleSettings, type FakePageSense, startPageSenseServer } from "@pagesense/testing";
import { createClient } from "../../src/client/createClient";
import type { ClientOptions } from "../../src/client/options";
import type { PageSenseClient } from "../../src/client/PageSenseClient";
import { RecordingLogger } from "../fixtures/logger";

/** A fake PageSense server plus clients wired to it. */
export interface Harness {
  server: FakePageSense;
  logger: RecordingLogger;
  client(options?: Partial<ClientOptions>): Promise<PageSenseClient>;
}

/**
 * Opens harnesses for one test file and closes what they opened (clients first, then servers).
 * A test file makes one and closes it after each test:
 *
 * ```ts
 * const rig = new NetworkRig();
 * afterEach(() => rig.closeAll());
 * ```
 */
export class NetworkRig {
  readonly #open: Array<() => Promise<void>> = [];

  /** Starts a fake server serving the spec's example settings (project "Shop", sdk key "sdk-demo"). */
  async harness(): Promise<Harness> {
    const server = await startPageSenseServer({ sdkKey: "sdk-demo", projectName: "Shop" });
    this.#open.push(() => server.close());
    return this.#harnessOf(server);
  }

  /** Registers `close` to run at {@link closeAll} (before what was opened earlier). */
  add(close: () => Promise<void>): void {
    this.#open.push(close);
  }

  /** Closes everything opened since the last call, newest first. */
  async closeAll(): Promise<void> {
    while (this.#open.length > 0) await this.#open.pop()!();
  }

  #harnessOf(server: FakePageSense): Harness {
    const open = this.#open;
    const logger = new RecordingLogger();
    return {
      server,
      logger,
      async client(options = {}) {
        const client = await createClient({
          accountId: "demo-US",
          sdkKey: "sdk-demo",
          projectName: "Shop",
          baseUrl: server.url,
          logger,
          logLevel: "DEBUG",
          pollingInterval: 0,
          flushInterval: 20,
          retryDelay: 10,
          ...options,
        });
        open.push(() => client.close());
        return client;
      },
    };
  }
}

/** The spec's example settings with `mutate` applied. */
export function settingsWith(mutate: (doc: ReturnType<typeof exampleSettings>) => void) {
  const doc = exampleSettings();
  mutate(doc);
  return doc;
}

export const CHROME = { Browser: "Chrome" } as const;

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
