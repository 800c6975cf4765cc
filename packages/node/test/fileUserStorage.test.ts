import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { exampleSettings, RecordingLogger } from "@pagesense/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createClient, FileUserStorage } from "../src";
import { chrome, tempDir } from "./helpers";

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.cleanup();
});

/** The example document with all traffic moved to the variation(s) other than `keep`. */
function shiftedAwayFrom(keep: string) {
  const doc = exampleSettings();
  const experiment = doc.projectsettings[0]!.experiments[0]!;
  for (const v of experiment.variations)
    v.traffic_distribution = v.variation_name === keep ? 0 : 100;
  return doc;
}

describe.each([
  ["file", (path: string) => ({ file: join(path, "users.json") })],
  ["directory", (path: string) => ({ directory: join(path, "users") })],
] as const)("FileUserStorage (%s mode)", (_mode, where) => {
  it("keeps profiles across instances (a restart)", async () => {
    const first = new FileUserStorage(where(dir.path));
    expect(await first.lookup("u1")).toBeUndefined();
    await first.save({ userId: "u1", experiments: { EXP1: "V1" } });
    await first.save({ userId: "ü/2 ..", experiments: { EXP1: "V0", EXP2: "V9" } });
    const second = new FileUserStorage(where(dir.path));
    expect(await second.lookup("u1")).toEqual({ userId: "u1", experiments: { EXP1: "V1" } });
    expect(await second.lookup("ü/2 ..")).toEqual({
      userId: "ü/2 ..",
      experiments: { EXP1: "V0", EXP2: "V9" },
    });
    expect(await second.lookup("nobody")).toBeUndefined();
  });

  it("keeps a client's assignments sticky across restarts and a traffic change", async () => {
    const first = await createClient({
      settings: exampleSettings(),
      userStorage: new FileUserStorage(where(dir.path)),
      handleSignals: false,
      logLevel: "OFF",
    });
    const assigned = await first.activateExperiment("PricingTest", "sticky-user", chrome);
    expect(assigned).not.toBeNull();
    await first.close();

    const changed = shiftedAwayFrom(assigned!);
    const withoutStorage = await createClient({
      settings: changed,
      handleSignals: false,
      logLevel: "OFF",
    });
    expect(await withoutStorage.getVariationName("PricingTest", "sticky-user", chrome)).not.toBe(
      assigned,
    );
    await withoutStorage.close();

    const restarted = await createClient({
      settings: changed,
      userStorage: new FileUserStorage(where(dir.path)),
      handleSignals: false,
      logLevel: "OFF",
    });
    expect(await restarted.getVariationName("PricingTest", "sticky-user", chrome)).toBe(assigned);
    await restarted.close();
  });

  it("persists every one of many concurrent saves", async () => {
    const storage = new FileUserStorage(where(dir.path));
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        storage.save({ userId: `user-${i}`, experiments: { EXP1: `V${i % 2}` } }),
      ),
    );
    await storage.save({ userId: "user-0", experiments: { EXP1: "V7" } });
    const reopened = new FileUserStorage(where(dir.path));
    for (let i = 1; i < 60; i++) {
      expect((await reopened.lookup(`user-${i}`))?.experiments).toEqual({ EXP1: `V${i % 2}` });
    }
    expect((await reopened.lookup("user-0"))?.experiments).toEqual({ EXP1: "V7" });
  });
});

describe("FileUserStorage", () => {
  it("needs exactly one of file or directory", () => {
    expect(() => new FileUserStorage({})).toThrow(TypeError);
    expect(() => new FileUserStorage({ file: "a.json", directory: "b" })).toThrow(/exactly one/);
  });

  it("moves a corrupt file aside with a warning and starts empty", async () => {
    const file = join(dir.path, "users.json");
    await writeFile(file, '{"u1": {"EXP1": "V1"');
    const logger = new RecordingLogger();
    const storage = new FileUserStorage({ file, logger });
    expect(await storage.lookup("u1")).toBeUndefined();
    expect(logger.text()).toMatch(
      /WARNING FileUserStorage: .*users\.json is unusable \(not valid JSON.*moved to .*\.corrupt-\d+/,
    );
    const files = await readdir(dir.path);
    expect(files.filter((f) => f.startsWith("users.json.corrupt-"))).toHaveLength(1);
    await storage.save({ userId: "u2", experiments: { EXP1: "V0" } });
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ u2: { EXP1: "V0" } });
  });

  it("ignores a corrupt per-user file with a warning; the next save replaces it", async () => {
    const directory = join(dir.path, "users");
    const logger = new RecordingLogger();
    const storage = new FileUserStorage({ directory, logger });
    await storage.save({ userId: "u1", experiments: { EXP1: "V1" } });
    const path = storage.userFile("u1");
    expect(path.startsWith(directory)).toBe(true);
    await writeFile(path, "garbage");
    expect(await storage.lookup("u1")).toBeUndefined();
    expect(logger.text()).toContain("ignored (not valid JSON");
    await storage.save({ userId: "u1", experiments: { EXP1: "V0" } });
    expect(await new FileUserStorage({ directory }).lookup("u1")).toEqual({
      userId: "u1",
      experiments: { EXP1: "V0" },
    });
  });

  it("leaves no temporary files behind", async () => {
    const file = join(dir.path, "users.json");
    const storage = new FileUserStorage({ file });
    await Promise.all(
      [1, 2, 3].map((i) => storage.save({ userId: `u${i}`, experiments: { E: "V" } })),
    );
    expect(await readdir(dir.path)).toEqual(["users.json"]);
  });
});
