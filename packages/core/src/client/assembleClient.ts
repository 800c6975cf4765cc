import { BatchEventSink, type DeliveryOptions } from "../events/BatchEventSink";
import { MemoryEventSink } from "../events/MemoryEventSink";
import { httpTransport } from "../events/transport";
import type { EventSink } from "../events/types";
import { LogSink } from "../logging/logger";
import type { Http } from "../runtime/http";
import { Timers } from "../runtime/timers";
import { SettingsError } from "../settings/SettingsError";
import { SettingsStore } from "../settings/SettingsStore";
import { Stats } from "../stats/Stats";
import { settingsUrl } from "../sync/SettingsFetcher";
import { SettingsSync } from "../sync/SettingsSync";
import type { ClientBase, ClientParts } from "./ClientBase";
import { ConfigurationError } from "./ConfigurationError";
import { Notifier } from "./notifications";
import { type ClientOptions, resolveOptions } from "./options";

/** What a runtime plugs into {@link assembleClient}. */
export interface ClientRuntime<C extends ClientBase> {
  /** The HTTP layer for settings fetches and the default event transport. */
  http(fetchImpl: typeof fetch | undefined): Http;
  /** Builds the client object from its parts. */
  client(parts: ClientParts): C;
  /** Delivery hooks, e.g. `onUndelivered` to persist events instead of dropping them. */
  delivery?: Pick<DeliveryOptions, "onUndelivered">;
}

/**
 * Builds a client from options and a runtime (HTTP layer, client class): what `createClient`
 * does on servers with ofetch and {@link PageSenseClient}, and the browser package with plain
 * fetch and its own client. Same contract as `createClient`.
 */
export async function assembleClient<C extends ClientBase>(
  options: ClientOptions,
  runtime: ClientRuntime<C>,
): Promise<C> {
  const { resolved, warnings } = resolveOptions(options);
  const log = new LogSink(resolved.logger, resolved.logLevel);
  for (const w of warnings) log.warn(`option ${w}`);
  const notifier = new Notifier(log);
  const stats = new Stats();
  const timers = new Timers(resolved.unrefTimers);
  const http = runtime.http(resolved.fetch);
  const store = new SettingsStore(resolved.projectName, log, notifier);
  const { settings, network, eventSink, pollingInterval, initTimeout, webhook } = resolved;
  if (settings !== undefined) {
    try {
      store.apply(settings);
    } catch (error) {
      throw error instanceof SettingsError
        ? new ConfigurationError(
            `PageSense: options.settings is not a valid settings document: ${error.message}`,
          )
        : error;
    }
  }

  let sink: EventSink;
  if (eventSink) sink = eventSink;
  else if (network) {
    sink = new BatchEventSink(
      {
        ...resolved,
        baseUrl: network.baseUrl,
        maxRetryDelay: 30_000,
        concurrency: 6,
        ...runtime.delivery,
      },
      resolved.transport ?? httpTransport(http, resolved.requestTimeout),
      timers,
      stats,
      log,
      notifier,
    );
  } else {
    log.info("no accountId or baseUrl: events stay in memory (pass eventSink to send them)");
    sink = new MemoryEventSink();
  }

  const sync = network?.credentials
    ? new SettingsSync(
        { ...resolved, url: settingsUrl(network.baseUrl, network.credentials) },
        http,
        store,
        timers,
        stats,
        log,
        notifier,
      )
    : undefined;

  const client = runtime.client({
    store,
    sink,
    log,
    notifier,
    userStorage: resolved.userStorage,
    stats,
    sync,
  });

  // The effective configuration, once (numbers, modes and which parts are custom).
  const { logger, userStorage, transport, fetch, ...config } = resolved;
  log.info(
    `client started: ${JSON.stringify({
      ...config,
      projectName: resolved.projectName ?? store.index?.project.project_name,
      settings: settings === undefined ? "fetched" : "bootstrapped",
      network: network?.baseUrl,
      pollingInterval: sync && !webhook ? pollingInterval : "off",
      eventSink: eventSink ? "custom" : network ? "http" : "memory",
      transport: transport ? "custom" : undefined,
      logger: logger === options.logger ? "custom" : "console",
      userStorage: userStorage ? "custom" : "none",
    })}`,
  );

  if (sync) {
    if (store.index === null) {
      let timer: ReturnType<typeof timers.after> | undefined;
      await Promise.race([
        sync.refresh(),
        new Promise<void>((resolve) => {
          timer = timers.after(initTimeout, resolve, () => resolve());
        }),
      ]);
      timer?.cancel();
      if (store.index === null) {
        log.error(
          `settings not loaded within initTimeout (${initTimeout} ms); decisions return null until they arrive`,
        );
      }
    }
    sync.start();
  }
  return client;
}
