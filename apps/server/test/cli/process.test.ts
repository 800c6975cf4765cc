import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { waitFor } from "@pagesense/testing";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { readRows } from "../support/database";
import { fetchReport, goal, goalRecord, visit, visitRecord } from "../support/protocol";
import { useSandbox } from "../support/server";

const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

interface Running {
  child: ChildProcess;
  /** JSON log lines from stdout. */
  lines: Array<Record<string, unknown>>;
  /** Other stdout text (the usage). */
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the built `pagesense-server` command as a real process. */
function run(args: string[]): Running {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const lines: Array<Record<string, unknown>> = [];
  const stdout: string[] = [];
  const stderr: string[] = [];
  let buffer = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    let nl = buffer.indexOf("\n");
    while (nl >= 0) {
      const line = buffer.slice(0, nl);
      if (line.startsWith("{")) lines.push(JSON.parse(line));
      else stdout.push(line);
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf("\n");
    }
  });
  child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, lines, stdout, stderr, exited };
}

async function urlOf(p: Running): Promise<string> {
  const line = await waitFor(
    () => p.lines.find((l) => typeof l.url === "string" && String(l.msg).includes("listening")),
    10_000,
  );
  return line.url as string;
}

describe("pagesense-server command", () => {
  const sandbox = useSandbox();
  const children: ChildProcess[] = [];

  beforeAll(() => {
    if (!existsSync(CLI))
      throw new Error(
        `${CLI} is missing: build the app first (pnpm --filter @pagesense/server build)`,
      );
  });
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  });

  const args = () => ["--port", "0", "--settings", sandbox.settingsFile, "--data", sandbox.dataDir];

  it("serves, logs JSON lines and shuts down cleanly on SIGTERM", async () => {
    const p = run(args());
    children.push(p.child);
    const url = await urlOf(p);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${url}/health`);
    expect(await health.json()).toEqual({ status: "ok", settingsVersion: 1 });
    await visit(url, "u1", visitRecord("V0"));
    p.child.kill("SIGTERM");
    expect(await p.exited).toEqual({ code: 0, signal: null });
    const messages = p.lines.map((l) => l.msg);
    expect(messages).toContain("settings loaded");
    expect(messages).toContain("visit stored");
    expect(messages.at(-1)).toBe("server closed");
    for (const line of p.lines)
      expect(line).toMatchObject({ level: expect.any(String), time: expect.any(String) });
  });

  it("loses nothing it answered 200 for when the process is killed (SIGKILL) and restarted", async () => {
    const first = run(args());
    children.push(first.child);
    const url = await urlOf(first);
    for (let i = 0; i < 25; i++) await visit(url, `user-${i}`, visitRecord(i % 2 ? "V1" : "V0"));
    await goal(url, "user-1", goalRecord("V1", "purchase", 12.5));
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");

    const second = run(args());
    children.push(second.child);
    const again = await urlOf(second);
    const report = await fetchReport(again);
    expect(report.variations.map((v) => v.visitors)).toEqual([13, 12]);
    expect(report.goals[0]!.variations[1]).toMatchObject({ converters: 1, revenue: 12.5 });
    second.child.kill("SIGINT");
    expect((await second.exited).code).toBe(0);
    expect(readRows(sandbox.dataDir, "visits")).toHaveLength(25);
  });

  it("exits 1 with one clear message when the settings file is invalid", async () => {
    sandbox.writeSettings({ projectsettings: [{ project_name: "Shop" }] });
    const p = run(args());
    children.push(p.child);
    expect((await p.exited).code).toBe(1);
    expect(p.stderr.join("")).toMatch(
      /^pagesense-server: invalid settings file .*: projectsettings\[0\]\.portal_name: expected string, got undefined\n$/,
    );
  });

  it("exits 1 naming --port and PAGESENSE_PORT when the port is in use", async () => {
    const first = run(args());
    children.push(first.child);
    const port = new URL(await urlOf(first)).port;
    const second = run([
      "--port",
      port,
      "--settings",
      sandbox.settingsFile,
      "--data",
      sandbox.dataDir,
    ]);
    children.push(second.child);
    expect((await second.exited).code).toBe(1);
    const message = second.stderr.join("");
    expect(message).toContain("EADDRINUSE");
    expect(message).toContain("pass --port <n> or set PAGESENSE_PORT; 0 picks a free one");
    first.child.kill("SIGTERM");
    expect((await first.exited).code).toBe(0);
  });

  it("exits 2 with the usage on a bad flag, and prints help", async () => {
    const bad = run(["--nope"]);
    expect((await bad.exited).code).toBe(2);
    expect(bad.stderr.join("")).toContain("Usage: pagesense-server [options]");
    const help = run(["--help"]);
    expect((await help.exited).code).toBe(0);
    expect(help.stdout.join("\n")).toContain("--webhook-url <url>");
    expect(help.lines).toEqual([]);
  });
});
