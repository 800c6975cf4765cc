/** Log levels, most severe first. `OFF` silences the SDK. */
export const LOG_LEVELS = ["OFF", "FATAL", "ERROR", "WARNING", "INFO", "DEBUG", "TRACE"] as const;

/** A PageSense log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A custom logger: receives every message at or above the configured level. */
export interface Logger {
  log(level: Exclude<LogLevel, "OFF">, message: string): void;
}

/** Whether `value` names a log level (`"INFO"`, `"DEBUG"`, ...; case-insensitive). */
export function parseLogLevel(value: unknown): LogLevel | undefined {
  if (typeof value !== "string") return undefined;
  const upper = value.toUpperCase();
  if (upper === "WARN") return "WARNING";
  return (LOG_LEVELS as readonly string[]).includes(upper) ? (upper as LogLevel) : undefined;
}

/** The default logger: writes `[PageSense] LEVEL message` to the console (if there is one). */
export const consoleLogger: Logger = {
  log(level, message) {
    const method = ({ FATAL: "error", ERROR: "error", WARNING: "warn", INFO: "info" } as const)[
      level as "INFO"
    ];
    globalThis.console?.[method ?? "debug"](`[PageSense] ${level} ${message}`);
  },
};

/**
 * The SDK's internal logger: filters by level, and never lets a failing custom logger throw into
 * the host application.
 */
export class SafeLogger {
  readonly #logger: Logger;
  /** Index in LOG_LEVELS of the least severe level written. */
  readonly #rank: number;

  constructor(logger: Logger, level: LogLevel) {
    this.#logger = logger;
    this.#rank = LOG_LEVELS.indexOf(level);
  }

  /** Whether messages at `level` are written (lets callers skip building costly messages). */
  enabled(level: Exclude<LogLevel, "OFF">): boolean {
    return LOG_LEVELS.indexOf(level) <= this.#rank;
  }

  fatal(message: string): void {
    this.#write("FATAL", message);
  }
  error(message: string): void {
    this.#write("ERROR", message);
  }
  warn(message: string): void {
    this.#write("WARNING", message);
  }
  info(message: string): void {
    this.#write("INFO", message);
  }
  debug(message: string): void {
    this.#write("DEBUG", message);
  }
  trace(message: string): void {
    this.#write("TRACE", message);
  }

  /** Writes `message` at `level` when enabled; a throwing custom logger is ignored. */
  #write(level: Exclude<LogLevel, "OFF">, message: string): void {
    if (this.enabled(level)) {
      try {
        this.#logger.log(level, message);
      } catch {
        // A broken custom logger must never break the host application.
      }
    }
  }
}
