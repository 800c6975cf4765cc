import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type Database from "better-sqlite3";
import type { AppContext } from "./http/context";
import { createRequestListener } from "./http/router";
import { createLogger, type LogDestination, type Logger, type LogLevel } from "./logging/logger";
import { SettingsSource } from "./settings/SettingsSource";
import { EventStore } from "./storage/EventStore";
import { openDatabase } from "./storage/openDatabase";
import { ReportQueries } from "./storage/ReportQueries";
import { SettingsHistory } from "./storage/SettingsHistory";
import { WebhookNotifier } from "./webhook/WebhookNotifier";
import { webhookPayload } from "./webhook/webhookPayload";

/** The settings file shipped with the server (the spec's example plus a signup goal). */
export const DEFAULT_SETTINGS_FILE = fileURLToPath(
  new URL("../settings/default.json", import.meta.url),
);

/** Defaults of {@link ServerOptions}. */
export const SERVER_DEFAULTS = {
  port: 4100,
  host: "127.0.0.1",
  data: "./.data",
  webhookRetryInterval: 30_000,
  webhookRetryWindow: 15 * 60_000,
  webhookTimeout: 10_000,
  watchDebounce: 100,
  pollInterval: 1_000,
  logLevel: "info" as LogLevel,
};

/** Options of {@link startServer}; each CLI flag is the kebab-case of one (`--webhook-url`). */
export interface ServerOptions {
  /** TCP port (default 4100; 0 picks a free one). */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Settings JSON file (default: the bundled `settings/default.json`). */
  settings?: string;
  /** Data directory holding `pagesense.db` (default `./.data`, created if missing). */
  data?: string;
  /** The app's webhook, called after every accepted settings edit. Needs `webhookToken`. */
  webhookUrl?: string;
  /** Secret sent as `X-OAuth-Token`. */
  webhookToken?: string;
  /** Wait between webhook attempts in ms (default 30 000, as PageSense). */
  webhookRetryInterval?: number;
  /** How long a failing webhook is retried in ms (default 15 min, as PageSense). */
  webhookRetryWindow?: number;
  /** Timeout of one webhook attempt in ms (default 10 000). */
  webhookTimeout?: number;
  /** Quiet time after a settings file change before it is read, in ms (default 100). */
  watchDebounce?: number;
  /** Stat-polling fallback of the settings watch in ms (default 1000; 0 = fs.watch only). */
  pollInterval?: number;
  /** Log level (default "info"). */
  logLevel?: LogLevel;
  /** Where JSON log lines go (default stdout). */
  logDestination?: LogDestination;
  /** A ready pino logger (overrides logLevel/logDestination). */
  logger?: Logger;
}

/** A running server. */
export interface RunningServer {
  /** Base URL for SDKs (`baseUrl`) and browsers: `http://127.0.0.1:4100`. */
  readonly url: string;
  /** The bound port. */
  readonly port: number;
  /** Absolute path of the settings file being served. */
  readonly settingsFile: string;
  /** Absolute path of the data directory. */
  readonly dataDir: string;
  /** The project version in force. */
  settingsVersion(): number;
  /** Stops watching, cancels webhook retries, closes HTTP (in-flight requests finish) and the database. */
  close(): Promise<void>;
}

function checkDuration(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a number of milliseconds >= 0, got ${value}`);
  return value;
}

/**
 * Starts the PageSense-compatible local server: settings protocol, event collection into SQLite,
 * reports. Rejects with one clear error for a bad option, an invalid settings file, an unusable
 * data directory or a port in use.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const o = { ...SERVER_DEFAULTS, ...stripUndefined(options) };
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535)
    throw new Error(`port must be an integer 0..65535, got ${o.port}`);
  if (o.webhookUrl !== undefined) {
    try {
      new URL(o.webhookUrl);
    } catch {
      throw new Error(`webhookUrl is not a URL: ${o.webhookUrl}`);
    }
    if (!o.webhookToken) throw new Error("webhookUrl needs webhookToken (sent as X-OAuth-Token)");
  }
  for (const key of [
    "webhookRetryInterval",
    "webhookRetryWindow",
    "webhookTimeout",
    "watchDebounce",
    "pollInterval",
  ] as const)
    checkDuration(key, o[key]);

  const logger = options.logger ?? createLogger(o.logLevel, options.logDestination);
  const settingsFile = resolve(o.settings ?? DEFAULT_SETTINGS_FILE);
  const dataDir = resolve(o.data);

  let db: Database.Database;
  try {
    db = openDatabase(dataDir);
  } catch (error) {
    throw new Error(`cannot open the database in ${dataDir}: ${(error as Error).message}`);
  }
  const history = new SettingsHistory(db);
  let settings: SettingsSource;
  try {
    settings = new SettingsSource(settingsFile, history, logger);
  } catch (error) {
    db.close();
    throw error;
  }

  const webhook =
    o.webhookUrl !== undefined
      ? new WebhookNotifier(
          {
            url: o.webhookUrl,
            token: o.webhookToken!,
            retryIntervalMs: o.webhookRetryInterval,
            retryWindowMs: o.webhookRetryWindow,
            timeoutMs: o.webhookTimeout,
          },
          logger,
        )
      : undefined;
  settings.onChange((current, previous) =>
    webhook?.notify(
      webhookPayload(previous.settings.project, current.settings.project, new Date()),
    ),
  );

  const app: AppContext = {
    settings,
    events: new EventStore(db),
    reports: new ReportQueries(db),
    history,
    logger,
  };
  const server = createServer(createRequestListener(app));
  try {
    await listen(server, o.port, o.host);
  } catch (error) {
    settings.close();
    db.close();
    throw new Error(`cannot listen on ${o.host}:${o.port}: ${(error as Error).message}`);
  }
  settings.watch({ debounceMs: o.watchDebounce, pollIntervalMs: o.pollInterval });
  settings.reload(); // an edit made while starting up

  const port = (server.address() as AddressInfo).port;
  const host = o.host.includes(":") ? `[${o.host}]` : o.host;
  const url = `http://${host}:${port}`;
  logger.info(
    {
      url,
      settings: settingsFile,
      data: dataDir,
      version: settings.current.version,
      webhook: o.webhookUrl ?? null,
    },
    `PageSense local server listening on ${url} (report: ${url}/report)`,
  );

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    settingsFile,
    dataDir,
    settingsVersion: () => settings.current.version,
    close() {
      closing ??= (async () => {
        settings.close();
        webhook?.close();
        await closeHttp(server);
        db.close();
        logger.info({ url }, "server closed");
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolveListen();
    });
  });
}

/** Stops accepting connections; idle keep-alive sockets close now, busy ones after 5 s at most. */
function closeHttp(server: Server, graceMs = 5_000): Promise<void> {
  return new Promise((resolveClose) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolveClose();
    });
    server.closeIdleConnections();
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
