import { BatchEventSink, type DeliveryOptions } from "../events/BatchEventSink";
import type { CollectorOutage } from "../events/CollectorOutage";
import { MemoryEventSink } from "../events/MemoryEventSink";
import type { EventTransport } from "../events/transport";
import type { EventSink } from "../events/types";
import { consoleLogger, SafeLogger } from "../logging/logger";
import { Notifier } from "../notifications/Notifier";
import type { Http } from "../runtime/http";
import { Timers, timedOut } from "../runtime/timers";
import { type Compile, CompiledSettings, compileDocument } from "../settings/CompiledSettings";
import { SettingsStore } from "../settings/SettingsStore";
import { clip } from "../settings/warnings";
import { ConfigurationError, SettingsError } from "../shared/errors";
import { newStats } from "../stats/Stats";
import { SettingsSync, settingsUrl } from "../sync/SettingsSync";
import { type ClientOptions, type ResolvedOptions, resolveOptions } from "./options";
import type { ClientParts, PageSenseClient } from "./PageSenseClient";

/**
 * What a runtime gives {@link buildClient}: every part, without the servers' defaults (see
 * `assembleClient`); an optional part left out is not used.
 */
export interface ClientBuild<C extends PageSenseClient> {
  /** The HTTP layer for settings fetches and the event transport. */
  http(fetchImpl: typeof fetch | undefined): Http;
  /** The event transport when the options give none. */
  transport(http: Http, requestTimeout: number): EventTransport;
  /** Builds the client object from its parts (and the validated options, for the runtime's own use). */
  client(parts: ClientParts, resolved: ResolvedOptions): C;
  /** Default of `maxConcurrentRequests` (servers: high; unset: 6, a browser's keepalive budget). */
  maxConcurrentRequests?: number;
  /** Delivery hooks, e.g. `onUndelivered` to persist events instead of dropping them. */
  delivery?: Pick<DeliveryOptions, "onUndelivered">;
  /**
   * Wraps the default event sink's construction, e.g. to build it at the first event (servers'
   * per-request clients); without it the sink is built with the client.
   */
  deferSink?(make: () => EventSink): EventSink;
  /**
   * Compiles settings documents, e.g. `compileSettings` to share snapshots between the clients of
   * a server; default {@link compileDocument} (every time: one client per page).
   */
  compile?: Compile;
  /**
   * Holds events while the collector is down (servers: `CollectorOutage`); without it, events
   * that used their retries go to `delivery.onUndelivered` (a page's outbox) or are dropped.
   */
  outage?: typeof CollectorOutage;
}

/**
 * Builds a client from options and every part a runtime gives: what `assembleClient` does with
 * the servers' defaults, and the browser package with its own transport and client. Same
 * contract as `createClient`.
 *
 * Per-client work is kept small: settings can be compiled once per document and shared (see
 * `compile`), and the start-up log is one short line.
 */
export async function buildClient<C extends PageSenseClient>(
  options: ClientOptions,
  runtime: ClientBuild<C>,
): Promise<C> {
  const { resolved, warnings } = resolveOptions(options);
  const { settings, network, eventSink, initTimeout, userStorage } = resolved;
  const log = new SafeLogger(resolved.logger, resolved.logLevel, [network?.credentials?.sdkKey]);
  for (const w of warnings) log.warn(`option ${w}`);
  const stats = newStats();
  const notifier = new Notifier(log, stats);
  const timers = new Timers(resolved.unrefTimers);
  const compile = runtime.compile ?? compileDocument;
  const store = new SettingsStore(resolved.projectName, log, notifier, resolved.logger, compile);
  if (settings !== undefined)
    store.use(bootstrap(settings, resolved.projectName, compile), "bootstrap");

  let http: Http | undefined;
  const httpLayer = () => (http ??= runtime.http(resolved.fetch));
  /** The default sink: batched requests to `baseUrl`, built now or when the runtime says. */
  const batchSink = (baseUrl: string) => {
    const make = () =>
      new BatchEventSink(
        {
          ...resolved,
          baseUrl,
          maxRetryDelay: 30_000,
          concurrency: resolved.maxConcurrentRequests ?? runtime.maxConcurrentRequests ?? 6,
          ...runtime.delivery,
          outage: runtime.outage,
        },
        resolved.transport ?? runtime.transport(httpLayer(), resolved.requestTimeout),
        timers,
        stats,
        log,
        notifier,
      );
    return runtime.deferSink ? runtime.deferSink(make) : make();
  };
  const sink = eventSink ?? (network ? batchSink(network.baseUrl) : new MemoryEventSink());
  const credentials = network?.credentials;
  const sync =
    credentials &&
    new SettingsSync(
      { ...resolved, url: settingsUrl(network.baseUrl, credentials) },
      httpLayer(),
      store,
      timers,
      stats,
      log,
      notifier,
    );
  const forcedVariations = resolved.forcedVariations;
  const parts = { store, sink, log, notifier, userStorage, stats, sync, forcedVariations };
  const client = runtime.client(parts, resolved);

  if (log.enabled("INFO")) log.info(`client started: ${startLine(resolved, store, !!sync)}`);
  if (log.enabled("DEBUG")) {
    const { logger, transport, fetch, settings: _, network: __, ...numbers } = resolved;
    log.debug(`options in force: ${JSON.stringify(numbers)}`);
  }

  if (sync && !store.snapshot) {
    const began = Date.now();
    if (!sync.start()) {
      // The runtime refuses timers and I/O here (a Worker's module scope): fetch at first use.
      log.info(
        "settings fetch deferred: this runtime allows no I/O here (module scope of a Worker?); settings are fetched at the client's first use",
      );
      return client;
    }
    const late = await timedOut(sync.refresh(), initTimeout, timers);
    if (!store.snapshot) {
      const ms = Date.now() - began;
      log.error(
        late
          ? `settings not loaded within initTimeout (${initTimeout} ms); decisions give null until they load (retrying in the background)`
          : `first settings fetch failed after ${ms} ms (see the error above); decisions give null until settings load (retrying in the background)`,
      );
    }
  } else sync?.start();
  return client;
}

/** The snapshot of `options.settings` (on servers compiled once per document and shared). */
function bootstrap(
  settings: NonNullable<ResolvedOptions["settings"]>,
  projectName: string | undefined,
  compile: Compile,
) {
  if (settings instanceof CompiledSettings) {
    if (projectName !== undefined && settings.projectName !== projectName)
      throw new ConfigurationError(
        `PageSense: options.settings is compiled for project "${settings.projectName}", not projectName "${projectName}"`,
      );
    return settings;
  }
  try {
    return compile(settings, { projectName });
  } catch (error) {
    throw error instanceof SettingsError
      ? new ConfigurationError(`PageSense: invalid options.settings: ${error.message}`)
      : error;
  }
}

/** The start-up line: project, settings source, polling, events, log level (short, no JSON). */
function startLine(r: ResolvedOptions, store: SettingsStore, fetches: boolean): string {
  const snapshot = store.snapshot;
  const project = r.projectName ?? snapshot?.projectName;
  const parts = [
    project === undefined ? "project from settings" : `project "${clip(project)}"`,
    snapshot
      ? `settings bootstrapped (${snapshot.index.experiments.size} experiments)`
      : "settings fetched",
    fetches && !r.webhook && r.pollingInterval > 0
      ? `polling every ${r.pollingInterval} ms`
      : fetches && r.webhook
        ? "webhook updates"
        : "polling off",
    `events ${r.eventSink ? "to a custom sink" : r.network ? `to ${r.network.baseUrl}` : "kept in memory (no accountId or baseUrl)"}`,
    `log ${r.logLevel}${r.logger === consoleLogger ? "" : " (custom logger)"}`,
  ];
  if (r.userStorage) parts.push("user storage");
  if (r.waitUntil) parts.push("waitUntil");
  return parts.join(", ");
}
