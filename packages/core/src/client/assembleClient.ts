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
  if (resolved.settings !== undefined) {
    try {
      store.apply(resolved.settings);
    } catch (error) {
      if (error instanceof SettingsError) {
        throw new ConfigurationError(
          `PageSense: options.settings is not a valid settings document: ${error.message}`,
        );
      }
      throw error;
    }
  }

  const { network } = resolved;
  let sink: EventSink;
  if (resolved.eventSink) sink = resolved.eventSink;
  else if (network) {
    sink = new BatchEventSink(
      {
        baseUrl: network.baseUrl,
        maxQueueSize: resolved.maxQueueSize,
        batchSize: resolved.batchSize,
        flushInterval: resolved.flushInterval,
        maxRetries: resolved.maxRetries,
        closeTimeout: resolved.closeTimeout,
        retryDelay: resolved.retryDelay,
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
    log.info(
      "no accountId or baseUrl: events are kept in memory, not sent (pass eventSink to ship them yourself)",
    );
    sink = new MemoryEventSink();
  }

  const sync = network?.credentials
    ? new SettingsSync(
        {
          url: settingsUrl(network.baseUrl, network.credentials),
          pollingInterval: resolved.pollingInterval,
          webhook: resolved.webhook,
          requestTimeout: resolved.requestTimeout,
        },
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

  log.info(
    `client started: ${JSON.stringify({
      projectName: resolved.projectName ?? store.index?.project.project_name,
      baseUrl: network?.baseUrl,
      settings: resolved.settings !== undefined ? "bootstrapped" : "fetched",
      pollingInterval: sync
        ? resolved.webhook
          ? "off (webhook mode)"
          : resolved.pollingInterval
        : "off",
      initTimeout: resolved.initTimeout,
      delivery: resolved.eventSink
        ? "custom eventSink"
        : network
          ? {
              maxQueueSize: resolved.maxQueueSize,
              batchSize: resolved.batchSize,
              flushInterval: resolved.flushInterval,
              maxRetries: resolved.maxRetries,
              closeTimeout: resolved.closeTimeout,
            }
          : "memory",
      logLevel: resolved.logLevel,
      logger: resolved.logger === options.logger ? "custom" : "console",
      userStorage: resolved.userStorage ? "custom" : "none",
    })}`,
  );

  if (sync) {
    if (store.index === null) {
      const first = sync.refresh();
      let timer: ReturnType<typeof timers.after> | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = timers.after(
          resolved.initTimeout,
          () => resolve(),
          () => resolve(),
        );
      });
      await Promise.race([first, timeout]);
      timer?.cancel();
      if (store.index === null) {
        log.error(
          `settings not loaded within initTimeout (${resolved.initTimeout} ms); decisions return null (NOT_READY) until they arrive, retrying in the background`,
        );
      }
    }
    sync.start();
  }
  return client;
}
