import { resolve } from "node:path";
import { createClient, type Logger, type LogLevel, type WebhookClient } from "@pagesense/node";
import {
  type LogDestination,
  type RunningServer,
  type LogLevel as ServerLogLevel,
  startServer,
} from "@pagesense/server";
import { reportUrls } from "./shop/experiment";
import { type RunningShop, startShop } from "./shop/startShop";

/** The PageSense project of the local server's default settings file. */
export const DEMO_PROJECT = {
  /** Any account works with the local server; `-US` is its data centre suffix. */
  accountId: "demo-US",
  sdkKey: "sdk-demo",
  projectName: "Shop",
} as const;

/** Options of {@link startDemo}. Everything is optional. */
export interface DemoOptions {
  /** The shop's port (default 3000; 0 picks a free one). */
  shopPort?: number;
  /** The local PageSense server's port (default 4100; 0 picks a free one). */
  serverPort?: number;
  /** Interface both bind to (default 127.0.0.1). */
  host?: string;
  /** The server's data directory holding its SQLite database (default `./.data`). */
  dataDir?: string;
  /** The settings file the server serves (default: its bundled `settings/default.json`). */
  settingsFile?: string;
  /** The server's log level (default "warn": events stored are logged at "info"). */
  serverLogLevel?: ServerLogLevel;
  /** Where the server's JSON log lines go (default stdout). */
  serverLogDestination?: LogDestination;
  /** The shop's PageSense client log level (default "WARNING"). */
  clientLogLevel?: LogLevel;
  /** Receives the shop's PageSense log lines (client and middleware) instead of the console. */
  clientLogger?: Logger;
}

/** The running demo. */
export interface RunningDemo {
  /** The shop's pricing page: `http://127.0.0.1:3000/pricing`. */
  readonly shopUrl: string;
  /** The local server's report page (all experiments): `http://127.0.0.1:4100/report`. */
  readonly reportUrl: string;
  /** The PricingTest report: `http://127.0.0.1:4100/report/PricingTest`. */
  readonly experimentReportUrl: string;
  /** The local server's base URL (what the SDKs use as `baseUrl`). */
  readonly serverUrl: string;
  /** The shop (its `close()` also flushes its PageSense client). */
  readonly shop: RunningShop;
  /** The local PageSense server. */
  readonly server: RunningServer;
  /**
   * Shuts down in order: the shop stops taking requests, its PageSense client delivers every
   * queued event, then the server closes its database. Later calls return the same promise.
   */
  close(): Promise<void>;
}

/**
 * Starts the whole loop on this machine: the local PageSense server (settings, event store,
 * reports), then the shop, whose `@pagesense/node` client loads the project's settings from it.
 * Rejects with one clear error when either cannot start (nothing is left running).
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const host = options.host ?? "127.0.0.1";
  const server = await startServer({
    host,
    port: options.serverPort ?? 4100,
    data: resolve(options.dataDir ?? ".data"),
    settings: options.settingsFile, // undefined: the bundled default
    logLevel: options.serverLogLevel ?? "warn",
    ...(options.serverLogDestination ? { logDestination: options.serverLogDestination } : {}),
  });

  let client: WebhookClient | undefined;
  try {
    client = await createClient({
      ...DEMO_PROJECT,
      baseUrl: server.url,
      logLevel: options.clientLogLevel ?? "WARNING",
      ...(options.clientLogger ? { logger: options.clientLogger } : {}),
      // startDemo's close() (and the CLI's signal handling) decide when to flush and stop.
      handleSignals: false,
    });
    if (!client.isReady()) {
      throw new Error(`the shop could not load the PageSense settings from ${server.url}`);
    }
    const shop = await startShop({
      client,
      host,
      port: options.shopPort ?? 3000,
      pagesenseUrl: server.url,
      ...(options.clientLogger ? { logger: options.clientLogger } : {}),
    });

    let closing: Promise<void> | undefined;
    return {
      shopUrl: `${shop.url}/pricing`,
      ...reportUrls(server.url),
      serverUrl: server.url,
      shop,
      server,
      close() {
        closing ??= (async () => {
          try {
            await shop.close();
          } finally {
            await server.close();
          }
        })();
        return closing;
      },
    };
  } catch (error) {
    await client?.close();
    await server.close();
    throw error;
  }
}
