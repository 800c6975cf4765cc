import { validateSettings } from "@pagesense/core";
import { beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src";
import { fetchSettings, json, type StatusBody } from "../support/protocol";
import { Sandbox, useSandbox } from "../support/server";

describe("settings protocol (GET /psfullstacksdk/updateprojectsettings)", () => {
  const sandbox = useSandbox();
  let server: RunningServer;

  beforeEach(async () => {
    server = await sandbox.start();
  });

  it("serves the settings file with x-current-project-version", async () => {
    const res = await fetchSettings(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-current-project-version")).toBe("1");
    expect(res.headers.get("content-type")).toContain("application/json");
    const document = await res.json();
    expect(document).toEqual(Sandbox.defaultSettings());
    const project = validateSettings(document, "Shop");
    expect(project.experiments.map((e) => e.experiment_name)).toEqual(["PricingTest"]);
    expect(project.goals.map((g) => g.goal_name)).toEqual(["PurchaseCompleted", "SignupClicked"]);
  });

  it("answers 304 when the SDK already holds the current version, 200 for another one", async () => {
    const same = await fetchSettings(server.url, "1");
    expect(same.status).toBe(304);
    expect(same.headers.get("x-current-project-version")).toBe("1");
    expect(await same.text()).toBe("");
    const older = await fetchSettings(server.url, "0");
    expect(older.status).toBe(200);
    expect(older.headers.get("x-current-project-version")).toBe("1");
  });

  it("checks the project name and SDK key of fpqd", async () => {
    const unknown = await fetchSettings(server.url, undefined, { pn: "Other" });
    expect(unknown.status).toBe(404);
    expect((await json<StatusBody>(unknown)).status_string).toBe('no project named "Other"');
    const badKey = await fetchSettings(server.url, undefined, { sk: "sdk-wrong" });
    expect(badKey.status).toBe(401);
    expect(sandbox.logged("wrong SDK key")).toHaveLength(1);
  });

  it("rejects requests without type=24 or a usable raw", async () => {
    const base = `${server.url}/psfullstacksdk/updateprojectsettings`;
    expect((await fetch(`${base}?raw=${encodeURIComponent("{}")}`)).status).toBe(400);
    const noRaw = await fetch(`${base}?type=24`);
    expect(noRaw.status).toBe(400);
    expect((await json<StatusBody>(noRaw)).status_string).toBe("raw is required");
    const notJson = await fetch(`${base}?type=24&raw=%7Bnope`);
    expect((await json<StatusBody>(notJson)).status_string).toBe("raw is not JSON");
    const noKey = await fetch(
      `${base}?type=24&raw=${encodeURIComponent('{"fpqd":{"pn":"Shop"}}')}`,
    );
    expect(noKey.status).toBe(400);
  });

  it("lets browsers call it: CORS preflight and exposed version header", async () => {
    const preflight = await fetch(`${server.url}/psfullstacksdk/updateprojectsettings`, {
      method: "OPTIONS",
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toContain(
      "x-sdk-project-version",
    );
    const res = await fetchSettings(server.url);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-expose-headers")).toBe("x-current-project-version");
  });

  it("answers 404 for unknown paths and 405 for wrong methods", async () => {
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    const post = await fetch(`${server.url}/psfullstacksdk/updateprojectsettings?type=24`, {
      method: "POST",
    });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, OPTIONS");
    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).toEqual({ status: "ok", settingsVersion: 1 });
  });
});
