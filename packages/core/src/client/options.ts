import type { EventTransport } from "../events/transport";
import type { EventSink } from "../events/types";
import { consoleLogger, type Logger, type LogLevel, parseLogLevel } from "../logging/logger";
import { resolveAccount } from "../settings/dataCenters";
import type { SettingsDocument } from "../settings/types";
import type { UserStorage } from "../storage/UserStorage";
import { ConfigurationError } from "./ConfigurationError";

export { ConfigurationError };

/** Options of {@link createClient}. Give `settings`, or `accountId` + `sdkKey` + `projectName`, or both. */
export interface ClientOptions {
  /** Account id with its data centre, as shown in PageSense's SDK settings: `"abcd1234-US"`. */
  accountId?: string;
  /** The project's SDK key. */
  sdkKey?: string;
  /** The PageSense project (also picks the project when a document holds several). */
  projectName?: string;
  /** Portal name sent with settings requests (default: the account part of `accountId`). */
  portal?: string;
  /** Overrides the data centre host, e.g. `http://127.0.0.1:4100` for the local server. */
  baseUrl?: string;
  /**
   * A settings document to start from (object or JSON text): decisions work at once and no
   * fetch is awaited (server-rendered pages, cold starts, tests).
   */
  settings?: SettingsDocument | string;
  /** How often settings are refreshed, ms. Default 10 000; 0 turns polling off. */
  pollingInterval?: number;
  /** How long `createClient` waits for the first settings, ms. Default 5 000. */
  initTimeout?: number;
  /** Webhook mode: no polling; refreshes come through `handleWebhook`. Default false. */
  webhook?: boolean;
  /** Events held in memory at most; more are dropped and counted. Default 10 000. */
  maxQueueSize?: number;
  /** Events sent per batch. Default 100. */
  batchSize?: number;
  /** Longest wait before queued events are sent, ms. Default 1 000. */
  flushInterval?: number;
  /** Retries of a failed event request (network errors, 408, 429, 5xx). Default 5. */
  maxRetries?: number;
  /** First retry delay, ms; doubles per retry with jitter, up to 30 s. Default 500. */
  retryDelay?: number;
  /** Upper bound on `close()`, ms. Default 10 000. */
  closeTimeout?: number;
  /** Timeout of one HTTP request, ms. Default 10 000. */
  requestTimeout?: number;
  /** Minimum level logged: FATAL, ERROR, WARNING, INFO (default), DEBUG, TRACE or OFF. */
  logLevel?: LogLevel;
  /** Receives log messages instead of the console. */
  logger?: Logger;
  /** Keeps assignments sticky across settings changes. */
  userStorage?: UserStorage;
  /** Replaces event delivery (e.g. a MemoryEventSink in tests). */
  eventSink?: EventSink;
  /** Replaces how event requests are sent (the browser adapter uses keepalive fetch and beacons). */
  transport?: EventTransport;
  /** A fetch implementation (default: the global fetch). */
  fetch?: typeof fetch;
  /** Let timers not keep the process alive (Node adapters set this). */
  unrefTimers?: boolean;
}

/** Where the client talks to PageSense. */
export interface NetworkOptions {
  baseUrl: string;
  /** Present when settings can be fetched. */
  credentials:
    | { portal: string; accountId: string; sdkKey: string; projectName: string }
    | undefined;
}

/** Options after validation: invalid values replaced by defaults. */
export interface ResolvedOptions {
  settings: SettingsDocument | string | undefined;
  projectName: string | undefined;
  network: NetworkOptions | undefined;
  pollingInterval: number;
  initTimeout: number;
  webhook: boolean;
  maxQueueSize: number;
  batchSize: number;
  flushInterval: number;
  maxRetries: number;
  retryDelay: number;
  closeTimeout: number;
  requestTimeout: number;
  logLevel: LogLevel;
  logger: Logger;
  userStorage: UserStorage | undefined;
  eventSink: EventSink | undefined;
  transport: EventTransport | undefined;
  fetch: typeof fetch | undefined;
  unrefTimers: boolean;
}

const NUMBERS = {
  pollingInterval: { default: 10_000, min: 0 },
  initTimeout: { default: 5_000, min: 0 },
  maxQueueSize: { default: 10_000, min: 1 },
  batchSize: { default: 100, min: 1 },
  flushInterval: { default: 1_000, min: 0 },
  maxRetries: { default: 5, min: 0 },
  retryDelay: { default: 500, min: 0 },
  closeTimeout: { default: 10_000, min: 0 },
  requestTimeout: { default: 10_000, min: 1 },
} as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const hasMethods = (v: unknown, ...names: string[]): boolean =>
  isObject(v) || typeof v === "function"
    ? names.every((n) => typeof (v as Record<string, unknown>)[n] === "function")
    : false;

/**
 * Validates options. Unusable values fall back to their default with a warning (collected in
 * `warnings`); what cannot fall back (no settings source, bad account id) throws a
 * {@link ConfigurationError} saying what to fix.
 */
export function resolveOptions(options: unknown): {
  resolved: ResolvedOptions;
  warnings: string[];
} {
  if (!isObject(options)) {
    throw new ConfigurationError(
      "PageSense: createClient(options) needs an options object: { accountId, sdkKey, projectName } or { settings }",
    );
  }
  const warnings: string[] = [];

  const str = (key: string): string | undefined => {
    const v = options[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string" && v.trim() !== "") return v.trim();
    throw new ConfigurationError(
      `PageSense: options.${key} must be a non-empty string, got ${JSON.stringify(v)}`,
    );
  };

  const numbers = {} as Record<keyof typeof NUMBERS, number>;
  for (const [key, spec] of Object.entries(NUMBERS) as [
    keyof typeof NUMBERS,
    { default: number; min: number },
  ][]) {
    const v = options[key];
    if (v === undefined) numbers[key] = spec.default;
    else if (typeof v === "number" && Number.isFinite(v) && v >= spec.min) numbers[key] = v;
    else {
      warnings.push(
        `${key} ${JSON.stringify(v)} is not a number >= ${spec.min}; using ${spec.default}`,
      );
      numbers[key] = spec.default;
    }
  }

  const logLevel = options.logLevel === undefined ? "INFO" : parseLogLevel(options.logLevel);
  if (!logLevel)
    warnings.push(`logLevel ${JSON.stringify(options.logLevel)} is not a log level; using INFO`);

  let logger: Logger = consoleLogger;
  if (options.logger !== undefined) {
    if (hasMethods(options.logger, "log")) logger = options.logger as unknown as Logger;
    else warnings.push("logger has no log(level, message) method; using the console");
  }

  const optional = <T>(key: string, methods: string[], what: string): T | undefined => {
    const v = options[key];
    if (v === undefined || v === null) return undefined;
    if (hasMethods(v, ...methods)) return v as T;
    warnings.push(`${key} needs ${what}; ignoring it`);
    return undefined;
  };
  const userStorage = optional<UserStorage>(
    "userStorage",
    ["lookup", "save"],
    "lookup(userId) and save(profile)",
  );
  const eventSink = optional<EventSink>(
    "eventSink",
    ["enqueue", "flush", "close"],
    "enqueue(), flush() and close()",
  );
  const transport = optional<EventTransport>("transport", ["send"], "send(request)");

  let fetchImpl: typeof fetch | undefined;
  if (options.fetch !== undefined) {
    if (typeof options.fetch === "function") fetchImpl = options.fetch as typeof fetch;
    else warnings.push("fetch must be a function; using the global fetch");
  }

  let webhook = false;
  if (options.webhook !== undefined) {
    if (typeof options.webhook === "boolean") webhook = options.webhook;
    else warnings.push(`webhook ${JSON.stringify(options.webhook)} is not a boolean; using false`);
  }

  const settings = options.settings;
  if (settings !== undefined && typeof settings !== "string" && !isObject(settings)) {
    throw new ConfigurationError(
      "PageSense: options.settings must be a settings document object or its JSON text",
    );
  }

  const accountId = str("accountId");
  const sdkKey = str("sdkKey");
  const projectName = str("projectName");
  let baseUrl = str("baseUrl");
  if (baseUrl !== undefined) {
    if (!/^https?:\/\/[^/]/i.test(baseUrl)) {
      throw new ConfigurationError(
        `PageSense: options.baseUrl must be an http(s) URL, got "${baseUrl}"`,
      );
    }
    baseUrl = baseUrl.replace(/\/+$/, "");
  }
  const location =
    accountId !== undefined && baseUrl === undefined ? resolveAccount(accountId) : undefined;
  const account =
    accountId !== undefined && accountId.lastIndexOf("-") > 0
      ? accountId.slice(0, accountId.lastIndexOf("-"))
      : accountId;
  baseUrl ??= location?.baseUrl;

  let network: NetworkOptions | undefined;
  if (baseUrl !== undefined) {
    const canFetch = sdkKey !== undefined && projectName !== undefined && accountId !== undefined;
    if (!canFetch && settings === undefined) {
      const missing = [
        ["accountId", accountId],
        ["sdkKey", sdkKey],
        ["projectName", projectName],
      ]
        .filter(([, v]) => v === undefined)
        .map(([k]) => k);
      throw new ConfigurationError(
        `PageSense: to fetch settings, createClient needs ${missing.join(" and ")} (from PageSense's project SDK settings), or a settings document`,
      );
    }
    network = {
      baseUrl,
      credentials: canFetch
        ? {
            portal: str("portal") ?? account!,
            accountId: accountId!,
            sdkKey: sdkKey!,
            projectName: projectName!,
          }
        : undefined,
    };
  } else if (settings === undefined) {
    throw new ConfigurationError(
      sdkKey !== undefined || projectName !== undefined
        ? 'PageSense: createClient needs accountId ("<account>-<DC>", e.g. "abcd1234-US") to know where to fetch settings'
        : "PageSense: createClient needs { accountId, sdkKey, projectName } (from PageSense's project SDK settings) or a settings document in options.settings",
    );
  }

  return {
    resolved: {
      settings: settings as SettingsDocument | string | undefined,
      projectName,
      network,
      ...numbers,
      webhook,
      logLevel: logLevel ?? "INFO",
      logger,
      userStorage,
      eventSink,
      transport,
      fetch: fetchImpl,
      unrefTimers: options.unrefTimers === true,
    },
    warnings,
  };
}
