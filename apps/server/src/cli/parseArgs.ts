import { parseArgs } from "node:util";
import { LOG_LEVELS, type LogLevel } from "../logging/logger";
import { SERVER_DEFAULTS, type ServerOptions } from "../startServer";

/** `pagesense-server --help`. */
export const USAGE = `Usage: pagesense-server [options]

A PageSense-compatible local server: serves project settings from a JSON file, stores visit and
goal events in SQLite, and shows experiment reports at /report.

Options:
  --port <n>                     TCP port (default ${SERVER_DEFAULTS.port}, or env PAGESENSE_PORT; 0 = any free port)
  --host <addr>                  interface to bind (default ${SERVER_DEFAULTS.host})
  --settings <file>              settings JSON file (default: the bundled settings/default.json)
  --data <dir>                   data directory for pagesense.db (default ${SERVER_DEFAULTS.data})
  --webhook-url <url>            call this webhook after every accepted settings edit
  --webhook-token <secret>       X-OAuth-Token for the webhook (or env PAGESENSE_WEBHOOK_TOKEN)
  --webhook-retry-interval <ms>  wait between webhook retries (default ${SERVER_DEFAULTS.webhookRetryInterval})
  --webhook-retry-window <ms>    retry a failing webhook this long (default ${SERVER_DEFAULTS.webhookRetryWindow})
  --poll-interval <ms>           settings file polling fallback (default ${SERVER_DEFAULTS.pollInterval}; 0 = off)
  --log-level <level>            ${LOG_LEVELS.join("|")} (default ${SERVER_DEFAULTS.logLevel})
  -h, --help                     show this help
`;

/** What the command line asks for. */
export type CliCommand = { kind: "help" } | { kind: "start"; options: ServerOptions };

function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

function integer(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new Error(`--${flag} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

/**
 * Parses the command line (without `node` and the script).
 * @throws Error with a message for the user on an unknown flag or a bad value.
 */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CliCommand {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      settings: { type: "string" },
      data: { type: "string" },
      "webhook-url": { type: "string" },
      "webhook-token": { type: "string" },
      "webhook-retry-interval": { type: "string" },
      "webhook-retry-window": { type: "string" },
      "poll-interval": { type: "string" },
      "log-level": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return { kind: "help" };
  const level = values["log-level"];
  if (level !== undefined && !isLogLevel(level))
    throw new Error(`--log-level must be one of ${LOG_LEVELS.join(", ")}, got "${level}"`);
  return {
    kind: "start",
    options: {
      port: integer("port", values.port ?? env.PAGESENSE_PORT),
      host: values.host,
      settings: values.settings,
      data: values.data,
      webhookUrl: values["webhook-url"],
      webhookToken: values["webhook-token"] ?? env.PAGESENSE_WEBHOOK_TOKEN,
      webhookRetryInterval: integer("webhook-retry-interval", values["webhook-retry-interval"]),
      webhookRetryWindow: integer("webhook-retry-window", values["webhook-retry-window"]),
      pollInterval: integer("poll-interval", values["poll-interval"]),
      logLevel: level,
    },
  };
}
