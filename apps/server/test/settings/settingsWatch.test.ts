import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { waitFor } from "@pagesense/testing";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS_FILE, type RunningServer } from "../../src";
import { fetchSettings, json } from "../support/protocol";
import { type DefaultDocument, Sandbox, useSandbox } from "../support/server";

async function servedVersion(server: RunningServer): Promise<string | null> {
  const res = await fetchSettings(server.url);
  await res.arrayBuffer();
  return res.headers.get("x-current-project-version");
}

describe("settings file watch", () => {
  const sandbox = useSandbox();

  it("bumps the version on each valid edit and serves the new document", async () => {
    const server = await sandbox.start();
    const doc = Sandbox.defaultSettings();
    doc.projectsettings[0]!.experiments[0]!.permitted_traffic = 40;
    sandbox.writeSettings(doc);
    await waitFor(async () => (await servedVersion(server)) === "2");
    const res = await fetchSettings(server.url, "1");
    expect(res.status).toBe(200);
    expect(
      (await json<DefaultDocument>(res)).projectsettings[0]!.experiments[0]!.permitted_traffic,
    ).toBe(40);
    expect((await fetchSettings(server.url, "2")).status).toBe(304);

    doc.projectsettings[0]!.experiments[0]!.permitted_traffic = 60;
    sandbox.writeSettings(doc);
    await waitFor(async () => (await servedVersion(server)) === "3");
    expect(sandbox.logged("settings updated").map((l) => l.version)).toEqual([2, 3]);
  });

  it("sees editors that save by renaming a new file over the old one", async () => {
    const server = await sandbox.start();
    const doc = Sandbox.defaultSettings();
    doc.projectsettings[0]!.experiments[0]!.experiment_status = 3;
    const temp = `${sandbox.settingsFile}.tmp`;
    writeFileSync(temp, JSON.stringify(doc));
    renameSync(temp, sandbox.settingsFile);
    await waitFor(async () => (await servedVersion(server)) === "2");
  });

  it("does not bump the version when the document is unchanged (same bytes or reformatted)", async () => {
    const server = await sandbox.start();
    sandbox.writeSettings(readFileSync(DEFAULT_SETTINGS_FILE, "utf8"));
    sandbox.writeSettings(JSON.stringify(Sandbox.defaultSettings(), null, 4));
    await new Promise((r) => setTimeout(r, 300));
    expect(server.settingsVersion()).toBe(1);
    expect(await servedVersion(server)).toBe("1");
    expect(sandbox.logged("settings updated")).toEqual([]);
  });

  it("rejects an invalid edit with the parser's message and keeps serving the previous version", async () => {
    const server = await sandbox.start();
    const doc = Sandbox.defaultSettings();
    doc.projectsettings[0]!.experiments[0]!.permitted_traffic = 140;
    sandbox.writeSettings(doc);
    const rejected = await sandbox.waitForLog("settings edit rejected");
    expect(rejected.level).toBe("error");
    expect(rejected.error).toBe(
      "projectsettings[0].experiments[0].permitted_traffic: expected 0..100, got 140",
    );
    expect(rejected.msg).toContain("keeping version 1");
    const res = await fetchSettings(server.url);
    expect(res.headers.get("x-current-project-version")).toBe("1");
    expect(
      (await json<DefaultDocument>(res)).projectsettings[0]!.experiments[0]!.permitted_traffic,
    ).toBe(100);

    sandbox.writeSettings("{ not json");
    await sandbox.waitForLog("settings are not valid JSON");
    expect(server.settingsVersion()).toBe(1);

    // Fixing the file is accepted as the next version, and the log says the file is fixed.
    doc.projectsettings[0]!.experiments[0]!.permitted_traffic = 80;
    sandbox.writeSettings(doc);
    await waitFor(async () => (await servedVersion(server)) === "2");
    const fixed = await sandbox.waitForLog("settings file fixed");
    expect(fixed).toMatchObject({ level: "info", version: 2 });
    expect(fixed.msg).toBe("settings file fixed: accepted after the rejected edit");
  });

  it("logs when a rejected edit is undone (the file is valid again, same version)", async () => {
    const server = await sandbox.start();
    const original = readFileSync(sandbox.settingsFile, "utf8");
    sandbox.writeSettings("{ not json");
    await sandbox.waitForLog("settings are not valid JSON");
    writeFileSync(sandbox.settingsFile, original);
    const valid = await sandbox.waitForLog("settings file valid again");
    expect(valid).toMatchObject({ level: "info", version: 1 });
    expect(server.settingsVersion()).toBe(1);
  });

  it("keeps the version across restarts and bumps it when the file changed while stopped", async () => {
    const first = await sandbox.start();
    const doc = Sandbox.defaultSettings();
    doc.projectsettings[0]!.experiments[0]!.permitted_traffic = 50;
    sandbox.writeSettings(doc);
    await waitFor(() => first.settingsVersion() === 2);
    await first.close();

    const second = await sandbox.start();
    expect(second.settingsVersion()).toBe(2);
    expect((await fetchSettings(second.url, "2")).status).toBe(304);
    await second.close();

    doc.projectsettings[0]!.experiments[0]!.permitted_traffic = 70;
    sandbox.writeSettings(doc);
    const third = await sandbox.start();
    expect(third.settingsVersion()).toBe(3);
  });

  it("refuses to start on an invalid settings file, naming the field", async () => {
    const doc = Sandbox.defaultSettings();
    delete doc.projectsettings[0]!.project_key;
    sandbox.writeSettings(doc);
    await expect(sandbox.start()).rejects.toThrow(
      /invalid settings file .*settings\.json: projectsettings\[0\]\.project_key: expected string, got undefined/,
    );
  });

  it("refuses a file holding several projects", async () => {
    const doc = Sandbox.defaultSettings();
    doc.projectsettings.push({ ...doc.projectsettings[0]!, project_name: "Other" });
    sandbox.writeSettings(doc);
    await expect(sandbox.start()).rejects.toThrow(/one project per settings file, found 2/);
  });
});
