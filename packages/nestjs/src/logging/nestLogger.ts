import { Logger, type LoggerService } from "@nestjs/common";
import type { Logger as PageSenseLogger } from "@pagesense/core";

/** The Nest logger method each PageSense level goes to. */
const METHODS = {
  FATAL: "fatal",
  ERROR: "error",
  WARNING: "warn",
  INFO: "log",
  DEBUG: "debug",
  TRACE: "verbose",
} as const;

/**
 * The module's default logger: PageSense's messages through Nest's `Logger` with the context
 * `"PageSense"`, so they take the app's logger (format, levels, `app.useLogger()`). The client's
 * `logLevel` filters first, then Nest's own log levels.
 */
export function nestLogger(logger: LoggerService = new Logger("PageSense")): PageSenseLogger {
  return {
    log(level, message) {
      const method = METHODS[level];
      // `fatal` is optional on a LoggerService; `verbose` and `debug` too.
      (logger[method] ?? logger.error).call(logger, message);
    },
  };
}
