import { afterEach, describe, expect, it } from "vitest";
import { type FakePageSense, startPageSenseServer, waitFor } from "../src";
import { getSettings, postVisit, visitRecord } from "./helpers";

let server: FakePageSense;
afterEach(async () => {
  await server.close();
});

describe("lifecycle", () => {
  it("down() refuses connections, up() reopens on the same port", async () => {
    server = await startPageSenseServer();
    const { port, url } = server;
    expect((await getSettings(server)).status).toBe(200);
    await server.down();
    expect(server.isUp).toBe(false);
    const refused = await getSettings(server).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    expect(String((refused as Error & { cause?: { code?: string } }).cause?.code)).toBe(
      "ECONNREFUSED",
    );
    await server.up();
    expect(server.isUp).toBe(true);
    expect(server.port).toBe(port);
    expect(server.url).toBe(url);
    expect((await getSettings(server)).status).toBe(200);
    expect(server.settingsRequests).toHaveLength(2);
  });

  it("down() and up() are idempotent; up() after close() throws", async () => {
    server = await startPageSenseServer();
    await server.up();
    await server.down();
    await server.down();
    await server.up();
    await server.close();
    await expect(server.up()).rejects.toThrow(/after close/);
  });

  it("waitFor resolves once the predicate holds and times out with a summary", async () => {
    server = await startPageSenseServer();
    const waiting = server.waitFor((s) => s.visits.length === 2, 2000);
    await postVisit(server, { furd: { f: "a" }, fvrd: [visitRecord] });
    await postVisit(server, { furd: { f: "b" }, fvrd: [visitRecord] });
    await waiting;
    expect(server.visits.map((v) => v.userId)).toEqual(["a", "b"]);
    await expect(server.waitFor((s) => s.goals.length > 0, 50)).rejects.toThrow(
      /within 50 ms; server saw 0 settings requests, 2 event requests, 2 visits, 0 goals/,
    );
  });

  it("standalone waitFor accepts async predicates", async () => {
    server = await startPageSenseServer();
    let n = 0;
    await waitFor(async () => ++n >= 3, 1000, { intervalMs: 1 });
    expect(n).toBe(3);
  });

  it("listens on a requested port", async () => {
    const probe = await startPageSenseServer();
    const port = probe.port;
    await probe.close();
    server = await startPageSenseServer({ port });
    expect(server.port).toBe(port);
  });
});
