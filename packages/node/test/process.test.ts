import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type FakePageSense, startPageSenseServer } from "@pagesense/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const CHILD = fileURLToPath(new URL("./fixtures/child.mjs", import.meta.url));

let server: FakePageSense;
let child: ChildProcess | undefined;
beforeEach(async () => {
  server = await startPageSenseServer({ sdkKey: "sdk-demo", projectName: "Shop" });
});
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  child = undefined;
  await server.close();
});

interface Run {
  child: ChildProcess;
  output: () => string;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the child fixture; `ready` resolves when it printed "ready" (all events queued). `options`
 * may be JSON text, for values JSON.stringify cannot write (1e999 parses as Infinity).
 */
function run(mode: string, events: number, options: Record<string, unknown> | string = {}): Run {
  const proc = spawn(process.execPath, [CHILD], {
    env: {
      ...process.env,
      PS_BASE_URL: server.url,
      PS_MODE: mode,
      PS_EVENTS: String(events),
      PS_OPTIONS: typeof options === "string" ? options : JSON.stringify(options),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  let out = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on("exit", (code, signal) => resolve({ code, signal }));
  });
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("ready\n")) resolve();
    });
    proc.stderr!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`child exited (${code ?? signal}) before ready:\n${out}`)),
    );
  });
  return { child: proc, output: () => out, ready, exited };
}

const userIds = (n: number) => Array.from({ length: n }, (_, i) => `child-user-${i}`).sort();

describe("a Node process using @pagesense/node (built dist)", () => {
  it("delivers every queued event on SIGTERM, then ends by the signal", async () => {
    const n = 40;
    const proc = run("serve", n, { flushInterval: 60_000 });
    await proc.ready;
    // Nothing sent yet: the batch is not full and the flush interval is long.
    expect(server.visits.length + server.goals.length).toBe(0);
    proc.child.kill("SIGTERM");
    const exit = await proc.exited;
    expect(exit, proc.output()).toEqual({ code: null, signal: "SIGTERM" });
    expect(server.visits).toHaveLength(n / 2);
    expect(server.goals).toHaveLength(n / 2);
    expect(server.visits.map((v) => v.userId).sort()).toEqual(userIds(n / 2));
    expect(server.goals.map((g) => g.userId).sort()).toEqual(userIds(n / 2));
    expect(server.goals.every((g) => g.gln === "purchase" && typeof g.rv === "number")).toBe(true);
  });

  it("bounds the shutdown by the closeTimeout core accepted, not the raw option (Infinity)", async () => {
    const proc = run("serve", 10, '{"flushInterval":60000,"closeTimeout":1e999}');
    await proc.ready;
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toEqual({ code: null, signal: "SIGTERM" });
    expect(proc.output()).toContain("option closeTimeout Infinity is not a number from 0 to");
    expect(server.visits.length + server.goals.length).toBe(10);
  });

  it("delivers on SIGINT too", async () => {
    const proc = run("serve", 10, { flushInterval: 60_000 });
    await proc.ready;
    proc.child.kill("SIGINT");
    expect(await proc.exited).toEqual({ code: null, signal: "SIGINT" });
    expect(server.visits.length + server.goals.length).toBe(10);
  });

  it("leaves exiting to the app when it handles SIGTERM itself, after flushing", async () => {
    const proc = run("app-handler", 20, { flushInterval: 60_000 });
    await proc.ready;
    proc.child.kill("SIGTERM");
    const exit = await proc.exited;
    expect(exit, proc.output()).toEqual({ code: 0, signal: null });
    expect(proc.output()).toContain("app: SIGTERM, closing my server");
    expect(server.visits.length + server.goals.length).toBe(20);
  });

  it("exits on its own when idle, delivering queued events first (beforeExit)", async () => {
    const proc = run("idle", 6, { flushInterval: 60_000, pollingInterval: 10_000 });
    const exit = await proc.exited;
    expect(exit, proc.output()).toEqual({ code: 0, signal: null });
    expect(proc.output()).toContain("ready");
    expect(server.visits).toHaveLength(3);
    expect(server.goals).toHaveLength(3);
  });

  it("exits on its own when idle with handleSignals: false (timers are unref'd)", async () => {
    const proc = run("idle", 0, { handleSignals: false, pollingInterval: 10_000 });
    const exit = await proc.exited;
    expect(exit, proc.output()).toEqual({ code: 0, signal: null });
    expect(proc.output()).toContain("ready");
  });

  it("bounds the close by closeTimeout when the server never answers, counting the events in doubt", async () => {
    server.fail("events", { hang: true });
    const proc = run("serve", 4, {
      flushInterval: 60_000,
      closeTimeout: 300,
      requestTimeout: 60_000,
    });
    await proc.ready;
    proc.child.kill("SIGTERM");
    const exit = await proc.exited;
    expect(exit, proc.output()).toEqual({ code: null, signal: "SIGTERM" });
    // The 4 requests were on the wire: they may have arrived, so they are in doubt, not dropped.
    expect(proc.output()).toMatch(/close\(\) timed out after 300 ms with 4 events in flight/);
  });

  it("a second signal while closing ends the process at once", async () => {
    server.fail("events", { hang: true });
    const proc = run("serve", 4, {
      flushInterval: 60_000,
      closeTimeout: 60_000,
      requestTimeout: 60_000,
    });
    await proc.ready;
    proc.child.kill("SIGTERM");
    await server.waitFor((s) => s.eventRequests.length > 0);
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toEqual({ code: null, signal: "SIGTERM" });
  });
});
