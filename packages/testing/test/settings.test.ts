import { afterEach, describe, expect, it } from "vitest";
import { exampleSettings, type FakePageSense, startPageSenseServer } from "../src";
import { exampleQuery, getSettings } from "./helpers";

let server: FakePageSense;
afterEach(async () => {
  await server.close();
});

describe("settings endpoint", () => {
  it("serves the example document with its version and records the request", async () => {
    server = await startPageSenseServer();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await getSettings(server);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-current-project-version")).toBe("1");
    expect(await res.json()).toEqual(exampleSettings());
    expect(server.settingsRequests).toHaveLength(1);
    const [req] = server.settingsRequests;
    expect(req?.raw).toEqual(exampleQuery);
    expect(req?.fpqd?.sk).toBe("sdk-demo");
    expect(req?.projectVersion).toBeUndefined();
    expect(req?.status).toBe(200);
  });

  it("answers 304 when the client already has the current version", async () => {
    server = await startPageSenseServer({ version: "7" });
    const same = await getSettings(server, exampleQuery, "7");
    expect(same.status).toBe(304);
    expect(same.headers.get("x-current-project-version")).toBe("7");
    expect(await same.text()).toBe("");
    const older = await getSettings(server, exampleQuery, "6");
    expect(older.status).toBe(200);
    expect(server.settingsRequests.map((r) => [r.projectVersion, r.status])).toEqual([
      ["7", 304],
      ["6", 200],
    ]);
  });

  it("setSettings serves the new document under the next version of the counter", async () => {
    server = await startPageSenseServer();
    const doc = exampleSettings();
    doc.projectsettings[0]!.experiments[0]!.experiment_status = 3;
    expect(server.setSettings(doc)).toBe("2");
    expect(server.version).toBe("2");
    const res = await getSettings(server, exampleQuery, "1");
    expect(res.headers.get("x-current-project-version")).toBe("2");
    expect(await res.json()).toEqual(doc);
    expect(server.setSettings(exampleSettings(), "release-9")).toBe("release-9");
    expect(server.setSettings(exampleSettings())).toBe("4");
  });

  it("serves JSON text verbatim, and 404 when no settings are published", async () => {
    server = await startPageSenseServer({ settings: null });
    expect((await getSettings(server)).status).toBe(404);
    server.setSettings('{"custom": true}');
    const res = await getSettings(server);
    expect(await res.text()).toBe('{"custom": true}');
  });

  it("checks the sdk key (403) and project name (404) when configured", async () => {
    server = await startPageSenseServer({ sdkKey: "sdk-demo", projectName: "Shop" });
    const badKey = await getSettings(server, { fpqd: { ...exampleQuery.fpqd, sk: "nope" } });
    expect(badKey.status).toBe(403);
    expect(await badKey.json()).toEqual({ status_code: "403", status_string: "invalid sdk key" });
    const badProject = await getSettings(server, { fpqd: { ...exampleQuery.fpqd, pn: "Other" } });
    expect(badProject.status).toBe(404);
    expect((await getSettings(server)).status).toBe(200);
  });

  it("does not check sdk key or project name when not configured", async () => {
    server = await startPageSenseServer();
    const res = await getSettings(server, { fpqd: { a: "x", ai: "x-EU", sk: "any", pn: "Any" } });
    expect(res.status).toBe(200);
  });

  it("answers 400 to a missing or malformed raw query and a wrong type", async () => {
    server = await startPageSenseServer();
    const path = `${server.url}/psfullstacksdk/updateprojectsettings`;
    expect((await fetch(`${path}?type=24`)).status).toBe(400);
    expect((await fetch(`${path}?type=24&raw=%7Bnot-json`)).status).toBe(400);
    expect((await fetch(`${path}?type=24&raw=${encodeURIComponent("{}")}`)).status).toBe(400);
    const raw = encodeURIComponent(JSON.stringify(exampleQuery));
    expect((await fetch(`${path}?type=99&raw=${raw}`)).status).toBe(400);
    expect(server.settingsRequests.map((r) => r.status)).toEqual([400, 400, 400, 400]);
  });

  it("answers 404 to unknown paths and CORS preflights with 204", async () => {
    server = await startPageSenseServer();
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    const pre = await fetch(`${server.url}/psfullstacksdk/trackvisitor?type=22`, {
      method: "OPTIONS",
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    expect(pre.headers.get("access-control-expose-headers")).toContain("x-current-project-version");
  });
});
