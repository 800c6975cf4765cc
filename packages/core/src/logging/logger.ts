/** Log levels, most severe first. `OFF` silences the SDK. */
export const LOG_LEVELS = ["OFF", "FATAL", "ERROR", "WARNING", "INFO", "DEBUG", "TRACE"] as const;

/** A PageSense log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A custom logger: receives every message at or above the configured level. */
export interface Logger {
  log(level: Exclude<LogLevel, "OFF">, message: string): void;
}

const RANK: Record<LogLevel, number> = {
  OFF: 0,
  FATAL: 1,
  ERROR: 2,
  WARNING: 3,
  INFO: 4,
  DEBUG: 5,
  TRACE: 6,
};

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
    const c = (globalThis as { console?: Console }).console;
    if (!c) return;
    const line = `[PageSense] ${level} ${message}`;
    if (level === "FATAL" || level === "ERROR") c.error(line);
    else if (level === "WARNING") c.warn(line);
    else if (level === "INFO") c.info(line);
    else c.debug(line);
  },
};

/**
 * The SDK's internal logger: filters by level, and never lets a failing custom logger throw into
 * the host application.
 */
export class LogSink {
  private rank: number;

  constructor(
    private readonly logger: Logger,
    level: LogLevel,
  ) {
    this.rank = RANK[level];
  }

  /** Whether messages at `level` are written (lets callers skip building costly messages). */
  enabled(level: Exclude<LogLevel, "OFF">): boolean {
    return RANK[level] <= this.rank;
  }

  fatal(message: string): void {
    this.write("FATAL", message);
  }
  error(message: string): void {
    this.write("ERROR", message);
  }
  warn(message: string): void {
    this.write("WARNING", message);
  }
  info(message: string): void {
    this.write("INFO", message);
  }
  debug(message: string): void {
    this.write("DEBUG", message);
  }
  trace(message: string): void {
    this.write("TRACE", message);
  }

  private write(level: Exclude<LogLevel, "OFF">, message: string): void {
    if (RANK[level] > this.rank) return;
    try {
      this.logger.log(level, message);
    } catch {
      // A broken custom logger must never break the host application.
    }
  }
}
