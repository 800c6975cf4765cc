import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakePageSense, startPageSenseServer } from "../src";
import { exampleQuery, getSettings, postVisit, visitRecord } from "./helpers";

let server: FakePageSense;
beforeEach(async () => {
  server = await startPageSenseServer();
});
afterEach(async () => {
  await server.close();
});

const visit = { furd: { f: "u" }, fvrd: [visitRecord] };

describe("failure injection", () => {
  it("answers a status N times, then recovers", async () => {
    server.fail("events", { status: 503, times: 2 });
    expect((await postVisit(server, visit)).status).toBe(503);
    expect((await postVisit(server, visit)).status).toBe(503);
    expect((await postVisit(server, visit)).status).toBe(200);
    expect(server.eventRequests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(server.visits).toHaveLength(1);
  });

  it("keeps failing until cleared, and only the chosen group", async () => {
    server.fail("settings", { status: 500 });
    for (let i = 0; i < 3; i++) expect((await getSettings(server)).status).toBe(500);
    expect((await postVisit(server, visit)).status).toBe(200);
    server.clearFailures("settings");
    expect((await getSettings(server)).status).toBe(200);
  });

  it("answers garbage JSON", async () => {
    server.fail("settings", { garbage: true, times: 1 });
    const res = await getSettings(server);
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
    server.fail("events", { garbage: true, times: 1 });
    const ev = await postVisit(server, visit);
    await expect(ev.json()).rejects.toThrow();
    expect(server.visits).toEqual([]);
  });

  it("answers an invalid settings document under a new version header", async () => {
    server.fail("settings", { invalidDocument: true, times: 1 });
    const res = await getSettings(server, exampleQuery, "1");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { projectsettings: unknown[] };
    expect(doc.projectsettings[0]).toEqual({ project_name: "Shop" });
    expect(res.headers.get("x-current-project-version")).not.toBe("1");
    expect((await getSettings(server, exampleQuery, "1")).status).toBe(304);
  });

  it("hangs without answering until the client gives up, and down() drops hung requests", async () => {
    server.fail("events", { hang: true, times: 1 });
    const aborted = postVisit(server, visit, AbortSignal.timeout(200));
    await expect(aborted).rejects.toThrow();
    expect(server.eventRequests[0]?.status).toBeNull();
    server.fail("settings", { hang: true });
    const pending = getSettings(server);
    await server.waitFor((s) => s.settingsRequests.length === 1);
    await server.down();
    await expect(pending).rejects.toThrow();
  });

  it("rejects invalid failure specs", () => {
    expect(() => server.fail("events", { status: 42 })).toThrow(RangeError);
    expect(() => server.fail("events", { status: 500, times: 0 })).toThrow(RangeError);
  });

  it("the last failure set wins, reset() clears it with the recordings", async () => {
    server.fail("events", { status: 500 });
    server.fail("events", { status: 429, times: 1 });
    expect((await postVisit(server, visit)).status).toBe(429);
    expect((await postVisit(server, visit)).status).toBe(200);
    server.fail("events", { status: 500 });
    server.reset();
    expect(server.eventRequests).toEqual([]);
    expect(server.visits).toEqual([]);
    expect((await postVisit(server, visit)).status).toBe(200);
  });
});
