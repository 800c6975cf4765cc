import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { validateSettings } from "@pagesense/core";
import {
  exampleSettings,
  type FakePageSense,
  RecordingLogger,
  startPageSenseServer,
} from "@pagesense/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createClient, type WebhookClient } from "../src";
import { chrome, serverOptions, tempDir } from "./helpers";

let server: FakePageSense;
let dir: Awaited<ReturnType<typeof tempDir>>;
let file: string;
const clients: WebhookClient[] = [];

beforeEach(async () => {
  server = await startPageSenseServer({ sdkKey: "sdk-demo", projectName: "Shop" });
  dir = await tempDir();
  file = join(dir.path, "settings", "pagesense.json");
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await server.close();
  await dir.cleanup();
});

async function start(options: Record<string, unknown> = {}) {
  const logger = new RecordingLogger();
  const client = await createClient({
    ...serverOptions(server),
    settingsFile: file,
    handleSignals: false,
    logger,
    ...options,
  });
  clients.push(client);
  return { client, logger };
}

const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, "utf8"));

/** The example document with the experiment's variations renamed, to tell versions apart. */
function renamed(suffix: string) {
  const doc = exampleSettings();
  const experiment = doc.projectsettings[0]!.experiments[0]!;
  for (const v of experiment.variations) v.variation_name += suffix;
  return doc;
}

/** Whether two documents hold the same settings (the file holds the validated, normalised form). */
function sameSettings(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(validateSettings(a)) === JSON.stringify(validateSettings(b));
  } catch {
    return false;
  }
}

describe("settingsFile", () => {
  it("bootstraps from the file while the server is down", async () => {
    await writeFile(join(dir.path, "boot.json"), JSON.stringify(renamed(" (file)")));
    file = join(dir.path, "boot.json");
    await server.down();
    const { client, logger } = await start();
    expect(client.isReady()).toBe(true);
    const variation = await client.activateExperiment("PricingTest", "user-1", chrome);
    expect(variation).toMatch(/ \(file\)$/);
    expect(logger.text()).toContain(`settings bootstrapped from settingsFile ${file}`);
  });

  it("does not wait for the network when the file is there (settings endpoint hanging)", async () => {
    await writeFile(
      file.replace("settings/pagesense.json", "boot.json"),
      JSON.stringify(exampleSettings()),
    );
    file = join(dir.path, "boot.json");
    server.fail("settings", { hang: true });
    const { client } = await start({ initTimeout: 60_000, requestTimeout: 60_000 });
    expect(client.isReady()).toBe(true);
    expect(await client.getVariationName("PricingTest", "user-1", chrome)).not.toBeNull();
  });

  it("writes the fetched settings when the file does not exist yet (creating its folder)", async () => {
    const { client } = await start();
    expect(client.isReady()).toBe(true);
    await server.waitFor(async () => (await readJson(file).catch(() => null)) !== null);
    expect(sameSettings(await readJson(file), exampleSettings())).toBe(true);
  });

  it("rewrites the file atomically when polling brings new settings", async () => {
    const { client } = await start({ pollingInterval: 50 });
    await server.waitFor(async () => (await readJson(file).catch(() => null)) !== null);
    server.setSettings(renamed(" v2"));
    await server.waitFor(async () => sameSettings(await readJson(file), renamed(" v2")));
    expect(await client.getVariationName("PricingTest", "user-1", chrome)).toMatch(/ v2$/);
    expect(await readdir(join(dir.path, "settings"))).toEqual(["pagesense.json"]);
  });

  it("rewrites the file after getAndUpdateProjectSettings finds a change", async () => {
    const { client } = await start({ pollingInterval: 0 });
    await server.waitFor(async () => (await readJson(file).catch(() => null)) !== null);
    server.setSettings(renamed(" v2"));
    expect(await client.getAndUpdateProjectSettings()).toBe(true);
    await server.waitFor(async () => sameSettings(await readJson(file), renamed(" v2")));
  });

  it("a cold start with the server down uses what the previous process saved", async () => {
    server.setSettings(renamed(" saved"));
    const first = await start();
    await server.waitFor(async () => (await readJson(file).catch(() => null)) !== null);
    await first.client.close();
    await server.down();
    const { client } = await start();
    expect(await client.getVariationName("PricingTest", "user-1", chrome)).toMatch(/ saved$/);
  });

  it("refreshes a bootstrapped (possibly stale) file once at start, even with polling off", async () => {
    await writeFile(join(dir.path, "stale.json"), JSON.stringify(exampleSettings()));
    file = join(dir.path, "stale.json");
    server.setSettings(renamed(" fresh"));
    const { client } = await start({ pollingInterval: 0 });
    await server.waitFor(async () => sameSettings(await readJson(file), renamed(" fresh")));
    expect(await client.getVariationName("PricingTest", "user-1", chrome)).toMatch(/ fresh$/);
    expect(server.settingsRequests).toHaveLength(1);
  });

  it("logs and ignores a corrupt file, then replaces it with fetched settings", async () => {
    await writeFile(join(dir.path, "corrupt.json"), '{"status_code":"200", "projectsett');
    file = join(dir.path, "corrupt.json");
    const { client, logger } = await start();
    expect(logger.text()).toMatch(/WARNING settingsFile .*corrupt\.json ignored: not valid JSON/);
    expect(client.isReady()).toBe(true);
    await server.waitFor(async () => (await readJson(file).catch(() => null)) !== null);
    expect(sameSettings(await readJson(file), exampleSettings())).toBe(true);
  });

  it("logs and ignores a file that is JSON but not a valid settings document", async () => {
    const doc = exampleSettings() as unknown as { projectsettings: Array<Record<string, unknown>> };
    doc.projectsettings[0]!.experiments = "none";
    await writeFile(join(dir.path, "invalid.json"), JSON.stringify(doc));
    file = join(dir.path, "invalid.json");
    await server.down();
    const { client, logger } = await start({ initTimeout: 100 });
    expect(logger.text()).toMatch(
      /settingsFile .* ignored: not a valid settings document: .*experiments/,
    );
    expect(client.isReady()).toBe(false);
  });

  it("with explicit settings, does not read the file but keeps it updated", async () => {
    await writeFile(join(dir.path, "other.json"), JSON.stringify(renamed(" from file")));
    file = join(dir.path, "other.json");
    const { client } = await start({ settings: exampleSettings(), pollingInterval: 0 });
    expect(await client.getVariationName("PricingTest", "user-1", chrome)).not.toMatch(/from file/);
    await server.waitFor(async () => sameSettings(await readJson(file), exampleSettings()));
  });
});
