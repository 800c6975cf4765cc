import type { EventSink } from "../events/types";
import { consoleLogger, type Logger, type LogLevel, parseLogLevel } from "../logging/logger";
import type { SettingsDocument } from "../settings/types";
import type { UserStorage } from "../storage/UserStorage";

/** Options of {@link createClient}. */
export interface ClientOptions {
  /**
   * A settings document to start from (object or JSON text). With it, decisions work at once and
   * no network fetch is awaited.
   */
  settings?: SettingsDocument | string;
  /** The PageSense project to use from the settings (needed when the document holds several). */
  projectName?: string;
  /** Minimum level logged: FATAL, ERROR, WARNING, INFO (default), DEBUG, TRACE or OFF. */
  logLevel?: LogLevel;
  /** Receives log messages instead of the console. */
  logger?: Logger;
  /** Keeps assignments sticky across settings changes. */
  userStorage?: UserStorage;
  /** Where visit and goal events go (default: kept in memory until delivery is configured). */
  eventSink?: EventSink;
}

/** Options after validation: invalid values replaced by defaults. */
export interface ResolvedOptions {
  settings: SettingsDocument | string | undefined;
  projectName: string | undefined;
  logLevel: LogLevel;
  logger: Logger;
  userStorage: UserStorage | undefined;
  eventSink: EventSink | undefined;
}

/** A configuration problem that stops {@link createClient}; the message says what to fix. */
export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Validates options. Unusable values fall back to their default with a warning (collected in
 * `warnings`); a missing settings source throws a {@link ConfigurationError}.
 */
export function resolveOptions(options: unknown): {
  resolved: ResolvedOptions;
  warnings: string[];
} {
  if (!isObject(options)) {
    throw new ConfigurationError(
      "PageSense: createClient(options) needs an options object, e.g. createClient({ settings })",
    );
  }
  const warnings: string[] = [];
  const logLevel = options.logLevel === undefined ? "INFO" : parseLogLevel(options.logLevel);
  if (!logLevel)
    warnings.push(`logLevel ${JSON.stringify(options.logLevel)} is not a log level; using INFO`);

  let logger: Logger = consoleLogger;
  if (options.logger !== undefined) {
    if (isObject(options.logger) && typeof options.logger.log === "function")
      logger = options.logger as unknown as Logger;
    else warnings.push("logger has no log(level, message) method; using the console");
  }

  let userStorage: UserStorage | undefined;
  if (options.userStorage !== undefined && options.userStorage !== null) {
    const s = options.userStorage as Record<string, unknown>;
    if (typeof s === "object" && typeof s.lookup === "function" && typeof s.save === "function") {
      userStorage = s as unknown as UserStorage;
    } else warnings.push("userStorage needs lookup(userId) and save(profile); ignoring it");
  }

  let eventSink: EventSink | undefined;
  if (options.eventSink !== undefined && options.eventSink !== null) {
    const s = options.eventSink as Record<string, unknown>;
    if (
      typeof s === "object" &&
      typeof s.enqueue === "function" &&
      typeof s.flush === "function" &&
      typeof s.close === "function"
    ) {
      eventSink = s as unknown as EventSink;
    } else warnings.push("eventSink needs enqueue(), flush() and close(); using the default");
  }

  let projectName: string | undefined;
  if (options.projectName !== undefined) {
    if (typeof options.projectName === "string" && options.projectName !== "")
      projectName = options.projectName;
    else warnings.push("projectName must be a non-empty string; ignoring it");
  }

  const settings = options.settings;
  if (settings !== undefined && typeof settings !== "string" && !isObject(settings)) {
    throw new ConfigurationError(
      "PageSense: options.settings must be a settings document object or its JSON text",
    );
  }
  if (settings === undefined) {
    throw new ConfigurationError(
      "PageSense: createClient needs options.settings (a PageSense settings document)",
    );
  }

  return {
    resolved: {
      settings: settings as SettingsDocument | string,
      projectName,
      logLevel: logLevel ?? "INFO",
      logger,
      userStorage,
      eventSink,
    },
    warnings,
  };
}
