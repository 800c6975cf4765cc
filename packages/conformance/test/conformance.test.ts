import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Collector, startCollector, type TappedRequest } from "./support/collector";
import { type RunOutput, runtimes } from "./support/runtimes";

/** SHA-256 of the 30,000 decisions (10,000 users × 3 experiments) every runtime must reproduce. */
const EXPECTED = JSON.parse(
  readFileSync(new URL("../fixtures/checksum.json", import.meta.url), "utf8"),
) as { decisions: string };

/** The event requests a run delivered (answered 200), as comparable lines, in a fixed order. */
const delivered = (events: TappedRequest[]) =>
  events
    .filter((e) => e.status === 200)
    .map((e) => `${e.method} ${e.path} ${e.contentType} ${e.body}`)
    .sort();

/** Node 20's deliveries (server entries, browser entry): every other run must send the same bytes. */
const reference = new Map<string, string[]>();

describe.each(runtimes())("$name", (runtime) => {
  const runs = new Map<string, { output: RunOutput | undefined; collector: Collector }>();

  beforeAll(async () => {
    const collectors = await Promise.all(runtime.entries.map(() => startCollector()));
    const specs = runtime.entries.map(([entry, format], i) => ({
      entry,
      format,
      baseUrl: collectors[i]!.url,
    }));
    const outputs = await runtime.run(specs);
    runtime.entries.forEach(([entry, format], i) => {
      const output = outputs.find((o) => o.entry === entry && o.format === format);
      runs.set(`${entry} ${format}`, { output, collector: collectors[i]! });
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...runs.values()].map((r) => r.collector.close()));
  });

  describe.each(runtime.entries)(`${runtime.name}: @pagesense/%s (%s)`, (entry, format) => {
    const run = () => {
      const found = runs.get(`${entry} ${format}`)!;
      expect(found.output?.error, `${runtime.name} ${entry} ${format} threw`).toBeUndefined();
      expect(
        found.output?.result,
        `${runtime.name} ${entry} ${format} printed nothing`,
      ).toBeDefined();
      return { result: found.output!.result!, collector: found.collector };
    };

    it("loads settings and decides 10,000 users as the committed checksum says", () => {
      const { result } = run();
      expect(result.ready).toBe(true);
      expect(result.decisions).toBe(EXPECTED.decisions);
    });

    if (entry !== "browser") {
      it("decides alike from a compileSettings() snapshot", () => {
        expect(run().result.compiled).toBe(EXPECTED.decisions);
      });
    }

    it("delivers the same event bytes as Node 20, retrying the 503", () => {
      const { result, collector } = run();
      const sent = delivered(collector.events);
      expect(sent.length).toBeGreaterThan(0);
      expect(collector.events.filter((e) => e.status === 503)).toHaveLength(1);
      expect(result.stats.eventsRetried).toBe(1);
      // core and node send alike; browser marks its requests for keepalive/beacon delivery.
      const family = entry === "browser" ? "browser" : "server";
      if (!reference.has(family)) reference.set(family, sent);
      expect(sent).toEqual(reference.get(family));
    });

    it("refreshes settings with a 304 (nothing changed)", () => {
      const { result, collector } = run();
      expect(collector.server.settingsRequests.map((r) => r.status)).toEqual([200, 304]);
      expect(collector.server.settingsRequests[1]!.projectVersion).toBe("1");
      expect(result.refreshed).toBe(false);
      expect(result.stats.settingsVersion).toBe("1");
    });

    it("flush() and close() drain the queue: every event delivered, none dropped", () => {
      const { result, collector } = run();
      expect(result.flushed.pending, `the run's log:\n${result.logs.join("\n")}`).toBe(0);
      expect(result.flushed.sent).toBeGreaterThan(0);
      expect(result.stats.eventsSent).toBeGreaterThan(result.flushed.sent);
      expect(result.stats).toMatchObject({
        eventsSent: result.stats.eventsQueued,
        eventsDropped: 0,
        eventsPending: 0,
      });
      const records = collector.server.visits.length + collector.server.goals.length;
      expect(records).toBe(result.stats.eventsSent);
      expect(result.logs.filter((line) => /^(ERROR|FATAL)/.test(line))).toEqual([]);
    });
  });
});
