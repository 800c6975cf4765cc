import { consoleLogger, type Logger, type LogLevel, LogSink } from "@pagesense/core";

const LEVELS: readonly string[] = ["OFF", "FATAL", "ERROR", "WARNING", "INFO", "DEBUG", "TRACE"];

/**
 * A log sink honouring the client's `logger` and `logLevel` options, for what the Node layer logs
 * itself (settings file, signals). An unusable level falls back to INFO (the core client warns
 * about it).
 */
export function logSinkFor(options: { logger?: Logger; logLevel?: LogLevel }): LogSink {
  const logger =
    typeof options.logger === "object" &&
    options.logger !== null &&
    typeof options.logger.log === "function"
      ? options.logger
      : consoleLogger;
  const wanted = typeof options.logLevel === "string" ? options.logLevel.toUpperCase() : "INFO";
  const level = (
    wanted === "WARN" ? "WARNING" : LEVELS.includes(wanted) ? wanted : "INFO"
  ) as LogLevel;
  return new LogSink(logger, level);
}
