import {
  consoleLogger,
  type Logger,
  type LogLevel,
  parseLogLevel,
  SafeLogger,
} from "@pagesense/core";

/**
 * A log sink honouring the client's `logger` and `logLevel` options, for what the Node layer logs
 * itself (settings file, signals). An unusable level falls back to INFO (the core client warns
 * about it).
 */
export function logSinkFor(options: { logger?: Logger; logLevel?: LogLevel }): SafeLogger {
  const logger =
    typeof options.logger === "object" &&
    options.logger !== null &&
    typeof options.logger.log === "function"
      ? options.logger
      : consoleLogger;
  return new SafeLogger(logger, parseLogLevel(options.logLevel ?? "INFO") ?? "INFO");
}
