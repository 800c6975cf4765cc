import { BatchEventSink } from "../events/BatchEventSink";
import { MemoryEventSink } from "../events/MemoryEventSink";
import { httpTransport } from "../events/transport";
import type { EventSink } from "../events/types";
import { LogSink } from "../logging/logger";
import { HttpClient } from "../runtime/http";
import { Timers } from "../runtime/timers";
import { SettingsError } from "../settings/SettingsError";
import { SettingsStore } from "../settings/SettingsStore";
import { Stats } from "../stats/Stats";
import { settingsUrl } from "../sync/SettingsFetcher";
import { SettingsSync } from "../sync/SettingsSync";
import { ConfigurationError } from "./ConfigurationError";
import { Notifier } from "./notifications";
import { type ClientOptions, resolveOptions } from "./options";
import { PageSenseClient } from "./PageSenseClient";

/**
 * Creates a PageSense client. With `settings`, it is ready at once; otherwise it fetches settings
 * and resolves when they are loaded or after `initTimeout` (then decisions return `null` with
 * reason `NOT_READY` until settings arrive; `isReady()` tells). Rejects only for invalid options,
 * with a {@link ConfigurationError} saying what to fix.
 */
export async function createClient(options: ClientOptions): Promise<PageSenseClient> {
  const { resolved, warnings } = resolveOptions(options);
  const log = new LogSink(resolved.logger, resolved.logLevel);
  for (const w of warnings) log.warn(`option ${w}`);
  const notifier = new Notifier(log);
  const stats = new Stats();
  const timers = new Timers(resolved.unrefTimers);
  const http = new HttpClient(resolved.fetch);
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

  const client = new PageSenseClient({
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
