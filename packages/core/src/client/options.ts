import type { EventTransport } from "../events/transport";
import type { EventSink } from "../events/types";
import { describe } from "../logging/describe";
import { consoleLogger, type Logger, type LogLevel, parseLogLevel } from "../logging/logger";
import { resolveAccount } from "../settings/dataCenters";
import type { SettingsDocument } from "../settings/types";
import { isObject } from "../settings/validate";
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
  /**
   * Keeps the runtime alive for background work, e.g. `ctx.waitUntil.bind(ctx)` in a Worker or
   * Vercel's `waitUntil`: event deliveries and background settings refreshes are handed to it, so
   * a serverless handler does not have to await `flush()`.
   */
  waitUntil?: (promise: Promise<unknown>) => void;
  /**
   * Event requests in flight at most (one request carries one user's events). Default: the
   * runtime's (1 000 on servers, 6 in browsers).
   */
  maxConcurrentRequests?: number;
  /** HTTP method of event requests: `"POST"` (default, JSON body) or `"GET"` (`&raw=` query). */
  eventMethod?: "POST" | "GET";
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
  waitUntil: ((promise: Promise<unknown>) => void) | undefined;
  /** Undefined: the runtime's default. */
  maxConcurrentRequests: number | undefined;
  eventMethod: "POST" | "GET";
}

/** The longest timer delay (ms) runtimes honour; longer ones fire at once. */
const MAX_DELAY = 2_147_483_647;

/** Numeric options: default and minimum (the maximum is {@link MAX_DELAY}). */
const NUMBERS: Record<string, [number, number]> = {
  pollingInterval: [10_000, 0],
  initTimeout: [5_000, 0],
  maxQueueSize: [10_000, 1],
  batchSize: [100, 1],
  flushInterval: [1_000, 0],
  maxRetries: [5, 0],
  retryDelay: [500, 0],
  closeTimeout: [10_000, 0],
  requestTimeout: [10_000, 1],
};

/** Pluggable parts: the methods each must have (none: a function), and what is used instead. */
const HOOKS: Record<string, [string, string]> = {
  logger: ["log", "the console"],
  userStorage: ["lookup save", "none"],
  eventSink: ["enqueue flush close", "the default"],
  transport: ["send", "the default"],
  fetch: ["", "the global fetch"],
  waitUntil: ["", "none"],
};

const fail = (message: string): never => {
  throw new ConfigurationError(`PageSense: ${message}`);
};

/**
 * Validates options. Unusable values fall back to their default with a warning (collected in
 * `warnings`); what cannot fall back (no settings source, bad account id) throws a
 * {@link ConfigurationError} saying what to fix.
 */
export function resolveOptions(options: unknown): {
  resolved: ResolvedOptions;
  warnings: string[];
} {
  if (!isObject(options))
    fail(
      "createClient needs an options object: { accountId, sdkKey, projectName } or { settings }",
    );
  const o = options as Record<string, unknown>;
  const warnings: string[] = [];
  const r = { logLevel: "INFO", logger: consoleLogger } as Record<string, unknown>;
  /** Takes `o[key]` when `ok`, else warns and keeps the default (absent or null: the default). */
  const take = (key: string, ok: boolean, what: string, fallback: unknown) => {
    const v = o[key];
    if (v == null) return;
    if (ok) r[key] = v;
    else warnings.push(`${key} ${describe(v)} is not ${what}; using ${fallback}`);
  };

  for (const key in NUMBERS) {
    const [fallback, min] = NUMBERS[key]!;
    const v = o[key];
    r[key] = fallback;
    take(
      key,
      typeof v === "number" && v >= min && v <= MAX_DELAY,
      `a number from ${min} to ${MAX_DELAY}`,
      fallback,
    );
  }
  for (const key in HOOKS) {
    const [methods, fallback] = HOOKS[key]!;
    const v = o[key] as Record<string, unknown> | null;
    const names = methods.split(" ");
    take(
      key,
      methods
        ? (isObject(v) || typeof v === "function") && names.every((m) => typeof v[m] === "function")
        : typeof v === "function",
      methods ? `an object with ${names.join("(), ")}()` : "a function",
      fallback,
    );
  }
  take("webhook", typeof o.webhook === "boolean", "a boolean", false);
  const requests = o.maxConcurrentRequests;
  const requestsOk = typeof requests === "number" && requests >= 1 && requests <= 65_536;
  take("maxConcurrentRequests", requestsOk, "a number from 1 to 65536", "the runtime's default");
  take(
    "eventMethod",
    o.eventMethod === "POST" || o.eventMethod === "GET",
    '"POST" or "GET"',
    "POST",
  );
  const level = parseLogLevel(o.logLevel);
  take("logLevel", level !== undefined, "a log level", "INFO");
  if (level) r.logLevel = level;

  const settings = o.settings;
  if (settings !== undefined && typeof settings !== "string" && !isObject(settings))
    fail("options.settings must be an object or JSON text");

  /** A string option, trimmed; absent: undefined. */
  const str = (key: string): string | undefined => {
    const v = o[key];
    if (v == null) return undefined;
    return typeof v === "string" && v.trim()
      ? v.trim()
      : fail(`options.${key} must be a non-empty string, got ${JSON.stringify(v)}`);
  };
  const accountId = str("accountId");
  const sdkKey = str("sdkKey");
  const projectName = str("projectName");
  let baseUrl = str("baseUrl");
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/i.test(baseUrl))
    fail(`options.baseUrl must be an http(s) URL, got "${baseUrl}"`);
  baseUrl = baseUrl?.replace(/\/+$/, "");
  baseUrl ??= accountId === undefined ? undefined : resolveAccount(accountId).baseUrl;

  const given = { accountId, sdkKey, projectName };
  const missing = Object.keys(given).filter((k) => !given[k as keyof typeof given]);
  if (missing.length > 0 && settings === undefined)
    fail(`createClient needs ${missing.join(", ")} (from PageSense's SDK settings) or settings`);
  const dash = accountId?.lastIndexOf("-") ?? -1;
  const network: NetworkOptions | undefined =
    baseUrl === undefined
      ? undefined
      : {
          baseUrl,
          credentials: missing.length
            ? undefined
            : {
                portal: str("portal") ?? (dash > 0 ? accountId!.slice(0, dash) : accountId!),
                accountId: accountId!,
                sdkKey: sdkKey!,
                projectName: projectName!,
              },
        };

  return {
    resolved: {
      ...r,
      settings,
      projectName,
      network,
      webhook: r.webhook === true,
      eventMethod: r.eventMethod ?? "POST",
      unrefTimers: o.unrefTimers === true,
    } as ResolvedOptions,
    warnings,
  };
}
