import type { EventTransport } from "../events/transport";
import type { EventSink } from "../events/types";
import { describe } from "../logging/describe";
import { consoleLogger, type Logger, type LogLevel, parseLogLevel } from "../logging/logger";
import type { CompiledSettings } from "../settings/CompiledSettings";
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
   * Settings to start from: decisions work at once and no fetch is awaited (server-rendered
   * pages, cold starts, tests). A document (object or JSON text) is compiled once per document
   * and shared; a {@link CompiledSettings} snapshot from `compileSettings()` costs nothing per
   * client (the pattern for per-request clients).
   */
  settings?: SettingsDocument | string | CompiledSettings;
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
  /** Experiment name → variation name, served to every user (QA, previews). */
  forcedVariations?: Record<string, string>;
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
  settings: SettingsDocument | string | CompiledSettings | undefined;
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
  forcedVariations: Readonly<Record<string, string>> | undefined;
}

/** The longest timer delay (ms) runtimes honour; longer ones fire at once. */
const MAX_DELAY = 2_147_483_647;

/** Names of the options whose values have type `T`. */
type KeysOf<T> = {
  [K in keyof ClientOptions]-?: NonNullable<ClientOptions[K]> extends T ? K : never;
}[keyof ClientOptions];

/** A numeric option: its default and its range (the maximum is {@link MAX_DELAY} unless given). */
interface NumberRule {
  default: number;
  min: number;
  max?: number;
}

/** Every numeric option, by name (the `satisfies` makes a missing or unknown name a type error). */
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
} satisfies Record<Exclude<KeysOf<number>, "maxConcurrentRequests">, NumberRule>;

/** A pluggable part: the methods it must have (none: it is a function) and what is used instead. */
interface HookRule<T> {
  methods: readonly (keyof T)[];
  fallback: string;
}

/** Every pluggable part, by name. */
const HOOKS = {
  logger: { methods: ["log"], fallback: "the console" },
  userStorage: { methods: ["lookup", "save"], fallback: "none" },
  eventSink: { methods: ["enqueue", "flush", "close"], fallback: "the default" },
  transport: { methods: ["send"], fallback: "the default" },
  fetch: { methods: [], fallback: "the global fetch" },
  waitUntil: { methods: [], fallback: "none" },
} satisfies {
  [K in "logger" | "userStorage" | "eventSink" | "transport" | "fetch" | "waitUntil"]: HookRule<
    NonNullable<ClientOptions[K]>
  >;
};

/** Every boolean option, by name, with its default. */
const BOOLEANS = { webhook: false, unrefTimers: false } satisfies Record<KeysOf<boolean>, boolean>;

/** Options with a fixed set of values: the values, the first being the default. */
const CHOICES = {
  eventMethod: ["POST", "GET"],
} satisfies { [K in "eventMethod"]: readonly NonNullable<ClientOptions[K]>[] };

/** String options: absent, or a non-empty string (trimmed); anything else is a ConfigurationError. */
const STRINGS = [
  "accountId",
  "sdkKey",
  "projectName",
  "portal",
  "baseUrl",
] as const satisfies readonly KeysOf<string>[];

const fail = (message: string): never => {
  throw new ConfigurationError(`PageSense: ${message}`);
};

/** Whether `v` is an object whose values are all strings. */
const isStringMap = (v: unknown): boolean =>
  isObject(v) && Object.values(v).every((x) => typeof x === "string");

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
  /** `o[key]` when `ok`, else (with a warning) `fallback`; absent or null: `fallback` quietly. */
  const take = <T>(
    key: string,
    ok: boolean,
    what: string,
    fallback: T,
    said = String(fallback),
  ) => {
    const v = o[key];
    if (v == null) return fallback;
    if (ok) return v as T;
    warnings.push(`${key} ${describe(v)} is not ${what}; using ${said}`);
    return fallback;
  };

  const numbers = {} as Record<keyof typeof NUMBERS, number>;
  for (const [key, rule] of Object.entries(NUMBERS) as [keyof typeof NUMBERS, NumberRule][]) {
    const v = o[key];
    const max = rule.max ?? MAX_DELAY;
    const ok = typeof v === "number" && v >= rule.min && v <= max;
    numbers[key] = take(key, ok, `a number from ${rule.min} to ${max}`, rule.default);
  }
  const requests = o.maxConcurrentRequests;
  const maxConcurrentRequests = take<number | undefined>(
    "maxConcurrentRequests",
    typeof requests === "number" && requests >= 1 && requests <= 65_536,
    "a number from 1 to 65536",
    undefined,
    "the runtime's default",
  );
  const hooks = {} as Record<keyof typeof HOOKS, unknown>;
  for (const [key, { methods, fallback }] of Object.entries(HOOKS) as [
    keyof typeof HOOKS,
    HookRule<Record<string, unknown>>,
  ][]) {
    const v = o[key] as Record<string, unknown> | null;
    const ok = methods.length
      ? (isObject(v) || typeof v === "function") && methods.every((m) => typeof v[m] === "function")
      : typeof v === "function";
    const what = methods.length ? `an object with ${methods.join("(), ")}()` : "a function";
    hooks[key] = take(key, ok, what, undefined, fallback);
  }
  const booleans = {} as Record<keyof typeof BOOLEANS, boolean>;
  for (const [key, fallback] of Object.entries(BOOLEANS) as [keyof typeof BOOLEANS, boolean][])
    booleans[key] = take(key, typeof o[key] === "boolean", "a boolean", fallback);
  const methods = CHOICES.eventMethod;
  const eventMethod = take(
    "eventMethod",
    methods.includes(o.eventMethod as never),
    `one of ${methods.join(", ")}`,
    methods[0]!,
  );
  const level = parseLogLevel(o.logLevel);
  const logLevel = take("logLevel", level !== undefined, "a log level", "INFO" as LogLevel);
  const forcedVariations = take<Record<string, string> | undefined>(
    "forcedVariations",
    isStringMap(o.forcedVariations),
    "an object of strings (experiment name → variation name)",
    undefined,
    "none",
  );

  const settings = o.settings;
  if (settings !== undefined && typeof settings !== "string" && !isObject(settings))
    fail("options.settings must be an object or JSON text");

  const strings = {} as Record<(typeof STRINGS)[number], string | undefined>;
  for (const key of STRINGS) {
    const v = o[key];
    strings[key] =
      v == null
        ? undefined
        : typeof v === "string" && v.trim()
          ? v.trim()
          : fail(`options.${key} must be a non-empty string, got ${describe(v)}`);
  }
  const { accountId, sdkKey, projectName, portal } = strings;
  let baseUrl = strings.baseUrl;
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/i.test(baseUrl))
    fail(`options.baseUrl must be an http(s) URL, got ${describe(baseUrl)}`);
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
                portal: portal ?? (dash > 0 ? accountId!.slice(0, dash) : accountId!),
                accountId: accountId!,
                sdkKey: sdkKey!,
                projectName: projectName!,
              },
        };

  const resolved: ResolvedOptions = {
    ...numbers,
    ...booleans,
    logLevel: level ?? logLevel,
    logger: (hooks.logger as Logger | undefined) ?? consoleLogger,
    userStorage: hooks.userStorage as UserStorage | undefined,
    eventSink: hooks.eventSink as EventSink | undefined,
    transport: hooks.transport as EventTransport | undefined,
    fetch: hooks.fetch as typeof fetch | undefined,
    waitUntil: hooks.waitUntil as ResolvedOptions["waitUntil"],
    maxConcurrentRequests,
    eventMethod,
    forcedVariations,
    settings: settings as ResolvedOptions["settings"],
    projectName,
    network,
  };
  return { resolved, warnings };
}
