#!/usr/bin/env node
// `npm run demo` at the repository root (scripts/run.mjs), or `pnpm --filter @pagesense/sample run demo`:
// starts the local PageSense server and the shop, prints their URLs, runs until Ctrl-C.
//   PORT            the shop's port (default 3000)
//   PAGESENSE_PORT  the local PageSense server's port (default 4100)
//   PAGESENSE_DATA  the server's data directory (default apps/sample/.data)
//   PAGESENSE_SETTINGS  the settings file the server serves (default: its bundled default.json)
//   PAGESENSE_LOG_LEVEL  the server's log level (default warn; info logs every stored event)
// Relative paths in these variables are relative to where `npm run demo` was typed (INIT_CWD).
import { resolve } from "node:path";
import type { LogLevel as ServerLogLevel } from "@pagesense/server";
import { type RunningDemo, startDemo } from "./demo";
import { SAMPLE_DATA_DIR } from "./paths";

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${name} must be a port number (0-65535), got "${raw}"`);
    process.exit(2);
  }
  return value;
}

/** A path from the environment, relative to where the user typed the command. */
function userPath(name: string): string | undefined {
  const raw = process.env[name];
  return raw ? resolve(process.env.INIT_CWD ?? process.cwd(), raw) : undefined;
}

/** For a port in use: which variable picks another port for the shop or the PageSense server. */
function portHint(error: unknown): string {
  const message = (error as Error).message;
  if (!message.includes("EADDRINUSE")) return "";
  const variable = message.startsWith("the shop") ? "PORT" : "PAGESENSE_PORT";
  const what = variable === "PORT" ? "the shop" : "the local PageSense server";
  return `\nAnother process uses that port: set ${variable} to run ${what} on another one (0 picks a free port), e.g. ${variable}=0 npm run demo`;
}

async function main(): Promise<void> {
  let demo: RunningDemo;
  try {
    demo = await startDemo({
      shopPort: port("PORT", 3000),
      serverPort: port("PAGESENSE_PORT", 4100),
      dataDir: userPath("PAGESENSE_DATA") ?? SAMPLE_DATA_DIR,
      settingsFile: userPath("PAGESENSE_SETTINGS"),
      serverLogLevel: (process.env.PAGESENSE_LOG_LEVEL as ServerLogLevel) || "warn",
    });
  } catch (error) {
    console.error(`\nThe demo could not start: ${(error as Error).message}${portHint(error)}`);
    process.exit(1);
  }

  console.log(`
  PageSense demo is running

    Shop     ${demo.shopUrl}
    Report   ${demo.reportUrl}  (PricingTest: ${demo.experimentReportUrl})
    Data     ${demo.server.dataDir}
    Settings ${demo.server.settingsFile}

  Open the shop, buy a plan or start a trial, then refresh the report.
  "Be a new visitor" on the pricing page gives you a new id (and maybe the other layout).
  Press Ctrl-C to stop.
`);

  // Ctrl-C in a terminal signals every process of the group: npm, scripts/run.mjs (which passes
  // signals on to this process) and this one, so one keypress can arrive here two or three times
  // within milliseconds. Signals within DUPLICATE_MS of the first are that same request; a later
  // one means "stop now".
  const DUPLICATE_MS = 1000;
  let stoppingSince: number | undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < DUPLICATE_MS) return;
      console.error(`\n${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stoppingSince = Date.now();
    console.log(`\n${signal}: stopping the shop, delivering its events, closing the server…`);
    demo.close().then(
      () => {
        const stats = demo.shop.client.getStats();
        console.log(
          `Stopped. Events delivered: ${stats.eventsSent}, dropped: ${stats.eventsDropped}.`,
        );
        process.exit(0);
      },
      (error: unknown) => {
        console.error("Shutdown failed:", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
