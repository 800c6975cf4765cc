import { pino } from "pino";

/** The server's structured logger: one JSON object per line (pino). */
export type Logger = pino.Logger;

/** Where log lines go: anything with `write(line)` (stdout by default). */
export interface LogDestination {
  write(line: string): unknown;
}

/** Log levels, most to least severe: pino's names ("silent": none). */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Creates the JSON-lines logger: ISO timestamps, textual levels (`"level":"info"`), `pid`,
 * written synchronously so nothing is lost on shutdown.
 */
export function createLogger(
  level: LogLevel = "info",
  destination: LogDestination = pino.destination({ dest: 1, sync: true }),
): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid, name: "pagesense-server" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination as pino.DestinationStream,
  );
}
