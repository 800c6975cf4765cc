import { BatchEventSink, type DeliveryOptions } from "../events/BatchEventSink";
import { MemoryEventSink } from "../events/MemoryEventSink";
import { type EventTransport, httpTransport } from "../events/transport";
import { LogSink } from "../logging/logger";
import type { Http } from "../runtime/http";
import { Timers, timedOut } from "../runtime/timers";
import { SettingsError } from "../settings/SettingsError";
import { SettingsStore } from "../settings/SettingsStore";
import { newStats } from "../stats/Stats";
import { createSettingsSync, settingsUrl } from "../sync/SettingsSync";
import type { ClientBase, ClientParts } from "./ClientBase";
import { ConfigurationError } from "./ConfigurationError";
import { createNotifier } from "./notifications";
import { type ClientOptions, type ResolvedOptions, resolveOptions } from "./options";

/** What a runtime plugs into {@link assembleClient}. */
export interface ClientRuntime<C extends ClientBase> {
  /** The HTTP layer for settings fetches and the default event transport. */
  http(fetchImpl: typeof fetch | undefined): Http;
  /** The event transport when the options give none (default: JSON POSTs over `http`). */
  transport?(http: Http, requestTimeout: number): EventTransport;
  /** Builds the client object from its parts (and the validated options, for the runtime's own use). */
  client(parts: ClientParts, resolved: ResolvedOptions): C;
  /** Default of `maxConcurrentRequests` (servers: high; unset: 6, a browser's keepalive budget). */
  maxConcurrentRequests?: number;
  /** Delivery hooks, e.g. `onUndelivered` to persist events instead of dropping them. */
  delivery?: Pick<DeliveryOptions, "onUndelivered">;
}

/**
 * Builds a client from options and a runtime (HTTP layer, client class): what `createClient`
 * does on servers with fetch and {@link PageSenseClient}, and the browser package with plain
 * fetch and its own client. Same contract as `createClient`.
 */
export async function assembleClient<C extends ClientBase>(
  options: ClientOptions,
  runtime: ClientRuntime<C>,
): Promise<C> {
  const { resolved, warnings } = resolveOptions(options);
  const { settings, network, eventSink, pollingInterval, initTimeout, webhook, userStorage } =
    resolved;
  const log = new LogSink(resolved.logger, resolved.logLevel);
  for (const w of warnings) log.warn(`option ${w}`);
  const stats = newStats();
  const notifier = createNotifier(log, stats);
  const timers = new Timers(resolved.unrefTimers);
  const http = runtime.http(resolved.fetch);
  const store = new SettingsStore(resolved.projectName, log, notifier);
  if (settings !== undefined) {
    try {
      store.apply(settings);
    } catch (error) {
      throw error instanceof SettingsError
        ? new ConfigurationError(`PageSense: invalid options.settings: ${error.message}`)
        : error;
    }
  }

  const sink =
    eventSink ??
    (network
      ? new BatchEventSink(
          {
            ...resolved,
            baseUrl: network.baseUrl,
            maxRetryDelay: 30_000,
            concurrency: resolved.maxConcurrentRequests ?? runtime.maxConcurrentRequests ?? 6,
            ...runtime.delivery,
          },
          resolved.transport ?? (runtime.transport ?? httpTransport)(http, resolved.requestTimeout),
          timers,
          stats,
          log,
          notifier,
        )
      : new MemoryEventSink());
  const credentials = network?.credentials;
  const sync =
    credentials &&
    createSettingsSync(
      { ...resolved, url: settingsUrl(network.baseUrl, credentials) },
      http,
      store,
      timers,
      stats,
      log,
      notifier,
    );
  const client = runtime.client({ store, sink, log, notifier, userStorage, stats, sync }, resolved);

  // The effective configuration, once (numbers, modes and which parts are custom).
  const { logger, transport, fetch, ...config } = resolved;
  log.info(
    `client started: ${JSON.stringify({
      ...config,
      projectName: resolved.projectName ?? store.index?.project.project_name,
      settings: settings === undefined ? "fetched" : "bootstrapped",
      network: network?.baseUrl,
      pollingInterval: sync && !webhook ? pollingInterval : "off",
      eventSink: eventSink ? "custom" : network ? "http" : "memory (no accountId or baseUrl)",
      transport: transport && "custom",
      logger: logger === options.logger ? "custom" : "console",
      userStorage: userStorage ? "custom" : "none",
    })}`,
  );

  if (sync) {
    if (!store.index) await timedOut(sync.refresh(), initTimeout, timers);
    if (!store.index) log.error(`settings not loaded within initTimeout (${initTimeout} ms)`);
    sync.start();
  }
  return client;
}
