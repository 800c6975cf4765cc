import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakePageSense, startPageSenseServer } from "../src";
import { goalRecord, postGoal, postVisit, visitRecord } from "./helpers";

let server: FakePageSense;
beforeEach(async () => {
  server = await startPageSenseServer();
});
afterEach(async () => {
  await server.close();
});

describe("event endpoints", () => {
  it("accepts a POSTed visit payload and flattens its records with the user id", async () => {
    const second = { ...visitRecord, b: "EXP2", c: "V0" };
    const res = await postVisit(server, { furd: { f: "user-1" }, fvrd: [visitRecord, second] });
    expect(res.status).toBe(200);
    expect(server.visits).toEqual([
      { ...visitRecord, userId: "user-1" },
      { ...second, userId: "user-1" },
    ]);
    expect(server.payloads).toHaveLength(1);
    expect(server.payloads[0]).toMatchObject({ kind: "visit", method: "POST", userId: "user-1" });
    expect(server.goals).toEqual([]);
  });

  it("accepts goal payloads with and without revenue", async () => {
    const { rv: _rv, ...noRevenue } = goalRecord;
    expect(
      (await postGoal(server, { furd: { f: "u" }, fgrd: [goalRecord, noRevenue] })).status,
    ).toBe(200);
    expect(server.goals).toEqual([
      { ...goalRecord, userId: "u" },
      { ...noRevenue, userId: "u" },
    ]);
    expect(server.goals[1]?.rv).toBeUndefined();
  });

  it("accepts lk as a digit string and no fsca, recording them normalised (as apps/server does)", async () => {
    const { fsca: _none, ...noAttributes } = visitRecord;
    const sent = { furd: { f: "u" }, fvrd: [{ ...noAttributes, lk: "1" }] };
    expect((await postVisit(server, sent)).status).toBe(200);
    expect(server.visits).toEqual([{ ...visitRecord, fsca: [], userId: "u" }]);
    expect(server.eventRequests[0]?.body).toEqual(sent);
  });

  it("accepts the GET raw= form PageSense's iOS SDK uses", async () => {
    const raw = encodeURIComponent(JSON.stringify({ furd: { f: "ios" }, fgrd: [goalRecord] }));
    const res = await fetch(`${server.url}/psfullstacksdk/trackgoal?type=23&raw=${raw}`);
    expect(res.status).toBe(200);
    expect(server.goals).toEqual([{ ...goalRecord, userId: "ios" }]);
    expect(server.payloads[0]?.method).toBe("GET");
  });

  it.each([
    ["no furd", { fvrd: [visitRecord] }, "furd.f"],
    ["empty user id", { furd: { f: "" }, fvrd: [visitRecord] }, "furd.f"],
    ["no records", { furd: { f: "u" }, fvrd: [] }, "fvrd must be a non-empty array"],
    ["goal records on the visit endpoint", { furd: { f: "u" }, fgrd: [goalRecord] }, "fvrd"],
    [
      "a missing experiment key",
      { furd: { f: "u" }, fvrd: [{ ...visitRecord, b: undefined }] },
      "fvrd[0].b",
    ],
    [
      "a non-integer language key",
      { furd: { f: "u" }, fvrd: [{ ...visitRecord, lk: 1.5 }] },
      "fvrd[0].lk",
    ],
    [
      "a bad attribute",
      { furd: { f: "u" }, fvrd: [{ ...visitRecord, fsca: [{ ln: "a", v: 1 }] }] },
      "fsca[0]",
    ],
    [
      "fsca not an array",
      { furd: { f: "u" }, fvrd: [{ ...visitRecord, fsca: {} }] },
      "fsca must be an array",
    ],
  ])("rejects a visit with %s (400)", async (_name, body, message) => {
    const res = await postVisit(server, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { status_string: string }).status_string).toContain(message);
    expect(server.visits).toEqual([]);
    expect(server.eventRequests).toHaveLength(1);
    expect(server.eventRequests[0]?.error).toContain(message);
  });

  it.each([
    ["no goal link", { ...goalRecord, gln: undefined }, "gln"],
    ["a non-boolean primary flag", { ...goalRecord, ipl: "true" }, "ipl"],
    ["a string revenue", { ...goalRecord, rv: "9.99" }, "rv"],
  ])("rejects a goal with %s (400)", async (_name, record, message) => {
    const res = await postGoal(server, { furd: { f: "u" }, fgrd: [record] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { status_string: string }).status_string).toContain(message);
    expect(server.goals).toEqual([]);
  });

  it("rejects an infinite revenue (1e999 in the JSON text) and reads rv: null as no revenue", async () => {
    const infinite = JSON.stringify({ furd: { f: "u" }, fgrd: [goalRecord] }).replace(
      '"rv":19.99',
      '"rv":1e999',
    );
    const res = await fetch(`${server.url}/psfullstacksdk/trackgoal?type=23`, {
      method: "POST",
      body: infinite,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { status_string: string }).status_string).toContain("rv");
    expect(
      (await postGoal(server, { furd: { f: "u" }, fgrd: [{ ...goalRecord, rv: null }] })).status,
    ).toBe(200);
    const { rv: _rv, ...noRevenue } = goalRecord;
    expect(server.goals).toEqual([{ ...noRevenue, userId: "u" }]);
  });

  it("rejects a body that is not JSON, a wrong type and other methods", async () => {
    const notJson = await fetch(`${server.url}/psfullstacksdk/trackvisitor?type=22`, {
      method: "POST",
      body: "{nope",
    });
    expect(notJson.status).toBe(400);
    const wrongType = await fetch(`${server.url}/psfullstacksdk/trackvisitor?type=23`, {
      method: "POST",
      body: JSON.stringify({ furd: { f: "u" }, fvrd: [visitRecord] }),
    });
    expect(wrongType.status).toBe(400);
    const put = await fetch(`${server.url}/psfullstacksdk/trackgoal?type=23`, {
      method: "PUT",
      body: "{}",
    });
    expect(put.status).toBe(405);
    expect(server.eventRequests.map((r) => r.status)).toEqual([400, 400, 405]);
    expect(server.payloads).toEqual([]);
  });
});
