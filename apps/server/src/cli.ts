#!/usr/bin/env node
/** The `pagesense-server` command: parse flags, start, stop cleanly on SIGINT/SIGTERM. */
import { parseCommandLine, USAGE } from "./cli/parseArgs";
import { startServer } from "./startServer";

async function main(): Promise<void> {
  let command: ReturnType<typeof parseCommandLine>;
  try {
    command = parseCommandLine(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`pagesense-server: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (command.kind === "help") {
    process.stdout.write(USAGE);
    return;
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(command.options);
  } catch (error) {
    const message = (error as Error).message;
    const hint = message.includes("EADDRINUSE")
      ? " (another process uses that port: pass --port <n> or set PAGESENSE_PORT; 0 picks a free one)"
      : "";
    process.stderr.write(`pagesense-server: ${message}${hint}\n`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`pagesense-server: ${signal} again, exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`pagesense-server: error while closing: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
