import { beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src";
import { readRows } from "../support/database";
import {
  getEvent,
  goalRecord,
  json,
  postEvent,
  type StatusBody,
  visitRecord,
} from "../support/protocol";
import { Sandbox, useSandbox } from "../support/server";

describe("event endpoints", () => {
  const sandbox = useSandbox();
  let server: RunningServer;

  beforeEach(async () => {
    server = await sandbox.start();
  });

  it("stores a POSTed visit with every wire field", async () => {
    const res = await postEvent(server.url, "visit", {
      furd: { f: "user-1" },
      fvrd: [
        visitRecord("V1", {
          fsca: [
            { ln: "Browser", v: "Firefox" },
            { ln: "planType", v: "pro" },
          ],
        }),
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status_code: "200",
      status_string: "success",
      stored: 1,
      flagged: 0,
    });
    const [row, ...rest] = readRows(sandbox.dataDir, "visits");
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      user_id: "user-1",
      portal: "demo",
      project_key: "P1",
      experiment_key: "EXP1",
      variation_key: "V1",
      environment_key: "ENV1",
      language_key: 1,
      settings_version: 1,
      flag: null,
    });
    expect(JSON.parse(row!.attributes as string)).toEqual([
      { ln: "Browser", v: "Firefox" },
      { ln: "planType", v: "pro" },
    ]);
    expect(Date.parse(row!.received_at as string)).not.toBeNaN();
    expect(sandbox.logged("visit stored")[0]).toMatchObject({
      kind: "visit",
      user: "user-1",
      experiment: "EXP1",
      variation: "V1",
    });
  });

  it("stores a goal sent as GET raw= (the iOS SDK's form), with revenue", async () => {
    const res = await getEvent(server.url, "goal", {
      furd: { f: "user-2" },
      fgrd: [goalRecord("V0", "purchase", 49.5)],
    });
    expect(res.status).toBe(200);
    const rows = readRows(sandbox.dataDir, "goals");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      user_id: "user-2",
      variation_key: "V0",
      goal_link_name: "purchase",
      is_primary: 1,
      revenue: 49.5,
      flag: null,
    });
  });

  it("stores several records of one user in one request; a goal without rv has no revenue", async () => {
    const res = await postEvent(server.url, "goal", {
      furd: { f: "user-3" },
      fgrd: [goalRecord("V1", "signup"), goalRecord("V1", "purchase", 10)],
    });
    expect(await res.json()).toMatchObject({ stored: 2, flagged: 0 });
    const rows = readRows(sandbox.dataDir, "goals");
    expect(rows.map((r) => [r.goal_link_name, r.is_primary, r.revenue])).toEqual([
      ["signup", 0, null],
      ["purchase", 1, 10],
    ]);
  });

  it("accepts a body sent as text/plain (a browser beacon) and lk as a digit string", async () => {
    const res = await fetch(`${server.url}/psfullstacksdk/trackvisitor?type=22`, {
      method: "POST",
      headers: { "content-type": "text/plain;charset=UTF-8" },
      body: JSON.stringify({ furd: { f: "beacon" }, fvrd: [{ ...visitRecord("V0"), lk: "1" }] }),
    });
    expect(res.status).toBe(200);
    expect(readRows(sandbox.dataDir, "visits")[0]).toMatchObject({
      user_id: "beacon",
      language_key: 1,
    });
  });

  const malformed: Array<[string, "visit" | "goal", unknown, string]> = [
    ["not JSON", "visit", "{oops", "the body is not JSON"],
    ["an array", "visit", [], "the body must be a JSON object"],
    [
      "no user",
      "visit",
      { fvrd: [visitRecord()] },
      "furd.f must be a non-empty string (the user id)",
    ],
    [
      "empty user",
      "visit",
      { furd: { f: "" }, fvrd: [visitRecord()] },
      "furd.f must be a non-empty string (the user id)",
    ],
    ["no records", "visit", { furd: { f: "u" }, fvrd: [] }, "fvrd must be a non-empty array"],
    [
      "goal records on the visit endpoint",
      "visit",
      { furd: { f: "u" }, fgrd: [goalRecord("V0", "purchase")] },
      "fvrd must be a non-empty array",
    ],
    [
      "missing experiment key",
      "visit",
      { furd: { f: "u" }, fvrd: [{ ...visitRecord(), b: undefined }] },
      "fvrd[0].b must be a non-empty string",
    ],
    [
      "fractional lk",
      "visit",
      { furd: { f: "u" }, fvrd: [visitRecord(), { ...visitRecord(), lk: 1.5 }] },
      "fvrd[1].lk must be an integer",
    ],
    [
      "bad attribute",
      "visit",
      { furd: { f: "u" }, fvrd: [{ ...visitRecord(), fsca: [{ ln: "a", v: 3 }] }] },
      "fvrd[0].fsca[0].v must be a string",
    ],
    [
      "goal without gln",
      "goal",
      { furd: { f: "u" }, fgrd: [{ ...goalRecord("V0", "purchase"), gln: "" }] },
      "fgrd[0].gln must be a non-empty string",
    ],
    [
      "goal with string ipl",
      "goal",
      { furd: { f: "u" }, fgrd: [{ ...goalRecord("V0", "purchase"), ipl: "true" }] },
      "fgrd[0].ipl must be a boolean",
    ],
    [
      "revenue as text",
      "goal",
      { furd: { f: "u" }, fgrd: [{ ...goalRecord("V0", "purchase"), rv: "10" }] },
      "fgrd[0].rv must be a finite number when present",
    ],
  ];

  it.each(malformed)(
    "rejects %s with 400 and stores nothing",
    async (_name, kind, body, message) => {
      const res = await postEvent(server.url, kind, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ status_code: "400", status_string: message });
      expect(readRows(sandbox.dataDir, "visits")).toEqual([]);
      expect(readRows(sandbox.dataDir, "goals")).toEqual([]);
      expect(sandbox.logged("rejected")[0]).toMatchObject({ level: "warn", error: message });
    },
  );

  it("rejects a wrong or missing type, an empty GET and a malformed GET raw", async () => {
    const body = JSON.stringify({ furd: { f: "u" }, fvrd: [visitRecord()] });
    const wrongType = await fetch(`${server.url}/psfullstacksdk/trackvisitor?type=23`, {
      method: "POST",
      body,
    });
    expect(wrongType.status).toBe(400);
    expect((await json<StatusBody>(wrongType)).status_string).toBe("type must be 22");
    expect(
      (await fetch(`${server.url}/psfullstacksdk/trackgoal`, { method: "POST", body })).status,
    ).toBe(400);
    expect((await fetch(`${server.url}/psfullstacksdk/trackvisitor?type=22`)).status).toBe(400);
    expect((await getEvent(server.url, "visit", { furd: { f: "u" } })).status).toBe(400);
    expect(readRows(sandbox.dataDir, "visits")).toEqual([]);
  });

  it("rejects a body over 1 MiB with 413", async () => {
    const res = await postEvent(server.url, "visit", "x".repeat(1024 * 1024 + 1));
    expect(res.status).toBe(413);
    expect(readRows(sandbox.dataDir, "visits")).toEqual([]);
  });

  it("stores events that do not match the settings, flagged, and says so", async () => {
    const cases: Array<["visit" | "goal", unknown, string]> = [
      ["visit", visitRecord("V0", { p: "P9" }), "unknown_project"],
      ["visit", visitRecord("V0", { b: "EXP9" }), "unknown_experiment"],
      ["visit", visitRecord("V7"), "unknown_variation"],
      ["goal", goalRecord("V0", "refund"), "unknown_goal"],
    ];
    for (const [kind, record, flag] of cases) {
      const key = kind === "visit" ? "fvrd" : "fgrd";
      const res = await postEvent(server.url, kind, { furd: { f: `u-${flag}` }, [key]: [record] });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ stored: 1, flagged: 1 });
      expect(sandbox.logged(`flagged ${flag}`)).toHaveLength(1);
    }
    expect(readRows(sandbox.dataDir, "visits").map((r) => r.flag)).toEqual([
      "unknown_project",
      "unknown_experiment",
      "unknown_variation",
    ]);
    expect(readRows(sandbox.dataDir, "goals").map((r) => r.flag)).toEqual(["unknown_goal"]);
  });

  it("flags a goal that exists but is not linked to the experiment", async () => {
    const doc = Sandbox.defaultSettings();
    doc.projectsettings[0]!.goals.push({ goal_name: "Newsletter", goal_link_name: "newsletter" });
    sandbox.writeSettings(doc);
    await sandbox.waitForLog("settings updated");
    const res = await postEvent(server.url, "goal", {
      furd: { f: "u" },
      fgrd: [goalRecord("V0", "newsletter"), goalRecord("V0", "signup")],
    });
    expect(await res.json()).toMatchObject({ stored: 2, flagged: 1 });
    expect(readRows(sandbox.dataDir, "goals").map((r) => [r.flag, r.settings_version])).toEqual([
      ["goal_not_linked", 2],
      [null, 2],
    ]);
  });
});
