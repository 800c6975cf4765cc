import { Redactor } from "./redact";

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
 * The SDK's internal logger, through which every log line goes: filters by level, masks
 * credentials (the SDK key, the webhook token, the `sk` field of settings URLs), bounds the
 * length of a line, and never lets a failing custom logger throw into the host application.
 */
export class SafeLogger {
  readonly #logger: Logger;
  /** Index in LOG_LEVELS of the least severe level written. */
  readonly #rank: number;
  readonly #redactor = new Redactor();

  /** `secrets`: credentials never to be written (e.g. the SDK key). */
  constructor(logger: Logger, level: LogLevel, secrets: readonly unknown[] = []) {
    this.#logger = logger;
    this.#rank = LOG_LEVELS.indexOf(level);
    for (const secret of secrets) this.#redactor.add(secret);
  }

  /** Masks `secret` in every later line (and in {@link redact}). */
  addSecret(secret: unknown): void {
    this.#redactor.add(secret);
  }

  /** `text` with credentials masked and its length bounded, for messages shown outside logs (errors, stats). */
  redact(text: string): string {
    return this.#redactor.redact(text);
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
        this.#logger.log(level, this.#redactor.redact(message));
      } catch {
        // A broken custom logger must never break the host application.
      }
    }
  }
}
