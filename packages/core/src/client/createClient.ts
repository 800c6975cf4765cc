import { MemoryEventSink } from "../events/MemoryEventSink";
import { LogSink } from "../logging/logger";
import { SettingsError } from "../settings/SettingsError";
import { SettingsStore } from "../settings/SettingsStore";
import { Notifier } from "./notifications";
import { type ClientOptions, ConfigurationError, resolveOptions } from "./options";
import { PageSenseClient } from "./PageSenseClient";

/**
 * Creates a PageSense client. Resolves once settings are loaded; rejects only for invalid
 * options (a {@link ConfigurationError} saying what to fix).
 */
export async function createClient(options: ClientOptions): Promise<PageSenseClient> {
  const { resolved, warnings } = resolveOptions(options);
  const log = new LogSink(resolved.logger, resolved.logLevel);
  for (const w of warnings) log.warn(`option ${w}`);
  const notifier = new Notifier(log);
  const store = new SettingsStore(resolved.projectName, log, notifier);
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
  log.info(
    `client started: ${JSON.stringify({
      projectName: resolved.projectName ?? store.index?.project.project_name,
      logLevel: resolved.logLevel,
      logger: resolved.logger === options.logger ? "custom" : "console",
      userStorage: resolved.userStorage ? "custom" : "none",
      eventSink: resolved.eventSink ? "custom" : "memory",
    })}`,
  );
  return new PageSenseClient({
    store,
    sink: resolved.eventSink ?? new MemoryEventSink(),
    log,
    notifier,
    userStorage: resolved.userStorage,
  });
}
