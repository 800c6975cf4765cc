import { startPageSenseServer } from "@pagesense/testing";
import { describe, expect, it } from "vitest";
import { createClient } from "../../src/client/createClient";
import { MemoryEventSink } from "../../src/events/MemoryEventSink";
import { SafeLogger } from "../../src/logging/logger";
import { MAX_LINE, Redactor } from "../../src/logging/redact";
import type { ErrorNotification } from "../../src/notifications/types";
import { RecordingLogger } from "../fixtures/logger";

const KEY = "sk-live-9f8e7d6c";

describe("credentials never reach a log line or an error", () => {
  it("a failing settings fetch logs no SDK key, in any form", async () => {
    const server = await startPageSenseServer({ sdkKey: KEY, projectName: "Shop" });
    server.fail("settings", { status: 401 });
    const logger = new RecordingLogger();
    const errors: ErrorNotification[] = [];
    const client = await createClient({
      accountId: "demo-US",
      sdkKey: KEY,
      projectName: "Shop",
      baseUrl: server.url,
      logger,
      logLevel: "TRACE",
      initTimeout: 2_000,
      pollingInterval: 0,
      eventSink: new MemoryEventSink(),
    });
    client.on("error", (e) => errors.push(e));
    try {
      await client.getAndUpdateProjectSettings();
      expect(server.settingsRequests.length).toBeGreaterThanOrEqual(2);
      // Connection refused: HTTP clients quote the request URL (with raw=...sk...) in their error.
      await server.down();
      await client.getAndUpdateProjectSettings();
      const refused = logger.lines.at(-1)!;
      expect(refused.level).toBe("ERROR");
      // Where the HTTP client quotes the URL, its sk field is masked.
      if (refused.message.includes("raw="))
        expect(refused.message).toContain("%22sk%22%3A%22***%22");
      const failures = logger.matching("settings");
      expect(failures.some((l) => l.level === "ERROR")).toBe(true);
      const texts = [
        ...logger.lines.map((l) => l.message),
        ...errors.map((e) => e.message),
        client.getStats().lastError?.message ?? "",
      ];
      for (const text of texts) {
        expect(text).not.toContain(KEY);
        expect(text).not.toContain(encodeURIComponent(KEY));
      }
    } finally {
      await client.close();
      await server.close();
    }
  });

  it("the webhook token is masked once the client has seen it", () => {
    const logger = new RecordingLogger();
    const log = new SafeLogger(logger, "INFO");
    log.addSecret("tok-secret-123");
    log.info("token tok-secret-123 and tok-secret-123 again");
    expect(logger.lines[0]!.message).toBe("token *** and *** again");
  });

  it("the sk field of settings URLs is masked without knowing the key (plain, encoded, escaped)", () => {
    const r = new Redactor();
    const raw = JSON.stringify({
      fpqd: { a: "demo", ai: "demo-US", sk: "unknown-key", pn: "Shop" },
    });
    const url = `https://x/psfullstacksdk/updateprojectsettings?type=24&raw=${encodeURIComponent(raw)}`;
    expect(r.redact(`GET ${url} failed`)).not.toContain("unknown-key");
    expect(r.redact(`GET ${url} failed`)).toContain("%22sk%22%3A%22***%22");
    expect(r.redact(raw)).toContain('"sk":"***"');
    expect(r.redact(JSON.stringify(`fetch ${raw}`))).not.toContain("unknown-key");
    expect(r.redact(raw)).toContain('"pn":"Shop"');
  });

  it("bounds the length of a line, saying how much was cut", () => {
    const logger = new RecordingLogger();
    const log = new SafeLogger(logger, "INFO");
    log.error(`project ${"x".repeat(1_000_000)}`);
    const line = logger.lines[0]!.message;
    expect(line.length).toBeLessThan(MAX_LINE + 50);
    expect(line).toMatch(/… \(\d+ more characters\)$/);
  });
});
