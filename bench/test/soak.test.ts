import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const bench = resolve(dirname(fileURLToPath(import.meta.url)), "..");

describe("soak (built script, small run)", () => {
  it("delivers every queued event to the fake server, drops none and reports it", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "pagesense-soak-")), "soak.json");
    const { stdout } = await run(process.execPath, ["--expose-gc", join(bench, "dist/soak.js")], {
      env: { ...process.env, SOAK_DECISIONS: "5000", SOAK_OUT: out },
      timeout: 120_000,
    });
    expect(stdout).toContain("| events lost / dropped | 0 / 0 |");
    const result = JSON.parse(readFileSync(out, "utf8"));
    expect(result.decisions).toBe(5000);
    expect(result.goalCalls).toBe(1000);
    expect(result.client.eventsQueued).toBeGreaterThan(1000);
    expect(result.client.eventsQueued).toBe(result.server.visits + result.server.goals);
    expect(result.server.visits).toBe(result.visitsReturned);
    expect(result.client.eventsDropped).toBe(0);
    expect(result.client.requestsSent).toBe(result.server.eventRequests);
    expect(result.server.rejectedRequests).toBe(0);
    expect(result.server.settingsRequests).toBeGreaterThanOrEqual(1);
  }, 150_000);
});
