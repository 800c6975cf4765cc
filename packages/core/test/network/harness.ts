import { exampleSettings, type FakePageSense, startPageSenseServer } from "@pagesense/testing";
import { afterEach } from "vitest";
import { createClient } from "../../src/client/createClient";
import type { ClientOptions } from "../../src/client/options";
import type { WebhookClient } from "../../src/client/WebhookClient";
import { RecordingLogger } from "../fixtures/logger";

/** A fake PageSense server plus clients wired to it; everything is closed after each test. */
export interface Harness {
  server: FakePageSense;
  logger: RecordingLogger;
  client(options?: Partial<ClientOptions>): Promise<WebhookClient>;
}

const open: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (open.length > 0) await open.pop()!();
});

/** Starts a fake server serving the spec's example settings (project "Shop", sdk key "sdk-demo"). */
export async function harness(): Promise<Harness> {
  const server = await startPageSenseServer({ sdkKey: "sdk-demo", projectName: "Shop" });
  open.push(() => server.close());
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
      open.unshift(() => client.close());
      return client;
    },
  };
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
