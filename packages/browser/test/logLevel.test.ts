import type { Logger } from "@pagesense/core";
import { exampleSettings } from "@pagesense/testing";
import { describe, expect, it } from "vitest";
import { createClient } from "../src/client/createClient";

/** A logger that keeps every line it receives as "LEVEL message". */
function collect(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: { log: (level, message) => lines.push(`${level} ${message}`) }, lines };
}

// The page's console belongs to the visitor: the browser client logs problems only, unless asked.
describe("browser log level", () => {
  it("defaults to WARNING: no INFO lines, warnings still logged", async () => {
    const { logger, lines } = collect();
    const client = await createClient({
      settings: exampleSettings(),
      logger,
      detectAttributes: false,
      userStorage: false,
      batchSize: -1, // an invalid option: its warning must still reach the logger
    });
    await client.close();
    expect(lines.some((l) => l.startsWith("INFO"))).toBe(false);
    expect(lines.some((l) => l.startsWith("WARNING") && l.includes("batchSize"))).toBe(true);
  });

  it("logs INFO lines when logLevel is INFO", async () => {
    const { logger, lines } = collect();
    const client = await createClient({
      settings: exampleSettings(),
      logger,
      logLevel: "INFO",
      detectAttributes: false,
      userStorage: false,
    });
    await client.close();
    expect(lines.some((l) => l.startsWith("INFO "))).toBe(true);
  });
});
