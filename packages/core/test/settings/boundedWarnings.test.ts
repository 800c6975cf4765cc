import { exampleSettings } from "@pagesense/testing";
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../../src/client/createClient";
import { MemoryEventSink } from "../../src/events/MemoryEventSink";
import { ConfigurationError } from "../../src/shared/errors";
import { RecordingLogger } from "../fixtures/logger";
import { documentOf, experiment, type Json, project } from "../fixtures/settings";
import { NetworkRig } from "../network/harness";

const rig = new NetworkRig();
afterEach(() => rig.closeAll());

/** Longest log line or error message accepted from a hostile document. */
const SANE = 400;

async function warningsOf(settings: Json) {
  const logger = new RecordingLogger();
  await createClient({ settings: settings as never, logger, eventSink: new MemoryEventSink() });
  return logger.at("WARNING");
}

describe("settings warnings and errors stay a handful of bounded lines", () => {
  it("summarises 10,000 definitions of one experiment in one line with the count", async () => {
    const lines = await warningsOf(
      documentOf(
        project({ experiments: Array.from({ length: 10_000 }, () => experiment("Same")) }),
      ),
    );
    expect(lines).toEqual([
      'settings: experiment "Same" is defined 10000 times; the first is used',
    ]);
  });

  it("summarises 5,000 repeated names: three named, the rest counted", async () => {
    const names = Array.from({ length: 5_000 }, (_, i) => experiment(`E${i}`));
    const lines = await warningsOf(documentOf(project({ experiments: [...names, ...names] })));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('settings: experiment "E0" is defined twice; the first is used');
    expect(lines[3]).toBe(
      "settings: 4997 more experiment names are defined more than once (4997 repeated definitions ignored); the first of each is used",
    );
  });

  it("caps other warnings at 20 lines plus one count", async () => {
    const experiments = Array.from({ length: 10_000 }, (_, i) =>
      experiment(`E${i}`, { audiences: [{ audience_link_name: `missing-${i}` }] }),
    );
    const lines = await warningsOf(documentOf(project({ experiments })));
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe("settings: 9980 more settings warnings not shown");
  });

  it("cuts a 1 MB project name in the ConfigurationError and in log lines", async () => {
    const huge = "P".repeat(1_000_000);
    const settings = documentOf(project({ name: huge, experiments: [experiment("A")] }));
    const error = await createClient({
      settings: settings as never,
      projectName: "Shop",
      logger: new RecordingLogger(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain('no project named "Shop" (found: PPPP');
    expect((error as Error).message.length).toBeLessThan(SANE);

    const logger = new RecordingLogger();
    const client = await createClient({
      settings: settings as never,
      logger,
      logLevel: "DEBUG",
      eventSink: new MemoryEventSink(),
    });
    await client.getAndUpdateProjectSettings();
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const line of logger.lines) expect(line.message.length).toBeLessThan(SANE);
  });

  it("keeps the settings endpoint's error line short for a 1 MB project name", async () => {
    const h = await rig.harness();
    const doc = exampleSettings();
    doc.projectsettings[0]!.project_name = "Q".repeat(1_000_000);
    h.server.setSettings(doc);
    const client = await h.client({ initTimeout: 2_000 });
    expect(client.isReady()).toBe(false);
    const errors = h.logger.at("ERROR");
    expect(errors.some((l) => l.includes('no project named "Shop"'))).toBe(true);
    for (const line of h.logger.lines) expect(line.message.length).toBeLessThan(SANE);
  });
});
