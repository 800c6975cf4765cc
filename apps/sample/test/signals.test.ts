// `npm run demo` is three processes: npm, scripts/run.mjs and dist/cli.js (the shop and the local
// PageSense server run inside it). SIGINT or SIGTERM to any one of them, or to all of them at once
// (Ctrl-C in a terminal), must stop all three, deliver the shop's queued events and free both
// ports. Real processes, real signals.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "@pagesense/server";
import { afterEach, describe, expect, it } from "vitest";
import { Visitor } from "./support/demo";
import { fetchReport, visitorsOf } from "./support/report";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** The direct children of a process (Linux: /proc). */
function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
  return text ? text.split(/\s+/).map(Number) : [];
}

function commandOf(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when `port` on 127.0.0.1 can be bound (nobody holds it). */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

let pids: number[] = [];
let dataDir: string | undefined;
afterEach(async () => {
  for (const pid of pids) if (alive(pid)) process.kill(pid, "SIGKILL");
  pids = [];
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Starts `npm run demo -- --no-build` (built dist, free ports) and waits for its URLs. */
async function startNpmDemo() {
  dataDir = await mkdtemp(join(tmpdir(), "pagesense-sample-signals-"));
  const proc = spawn("npm", ["run", "demo", "--", "--no-build"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", PAGESENSE_PORT: "0", PAGESENSE_DATA: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, as in a terminal (Ctrl-C signals the whole group)
  });
  let output = "";
  proc.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once("exit", resolve));
  const urls = /Shop\s+(http:\/\/\S+\/pricing)[\s\S]*Report\s+(http:\/\/\S+)\/report/;
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const check = () => {
      const m = urls.exec(output);
      if (m) resolve(m);
    };
    proc.stdout!.on("data", check);
    proc.once("exit", (code) => reject(new Error(`npm exited (${code}) early:\n${output}`)));
  });
  const runner = childrenOf(proc.pid!).find((pid) => commandOf(pid).includes("run.mjs"));
  const cli = runner && childrenOf(runner).find((pid) => commandOf(pid).includes("cli.js"));
  if (!runner || !cli) throw new Error(`process tree not found under npm (${proc.pid})`);
  pids = [proc.pid!, runner, cli];
  return {
    shopUrl: match[1]!,
    serverUrl: match[2]!,
    pids: { npm: proc.pid!, runner, cli },
    exited,
    output: () => output,
  };
}

describe.each(["SIGINT", "SIGTERM"] as const)("%s", (signal) => {
  it.each(["npm", "runner", "cli", "group"] as const)(
    "to %s stops all three processes, delivers the events and frees both ports",
    async (target) => {
      const demo = await startNpmDemo();
      const visitor = new Visitor(demo.shopUrl);
      const page = await (await visitor.request("/pricing")).text();
      const variation = /data-variation="([^"]*)"/.exec(page)![1]!;
      expect((await visitor.buy("starter")).status).toBe(303);

      // At once: the shop's batch (1 s flush interval) is still queued.
      // "group": what Ctrl-C in a terminal does, every process of the group gets the signal.
      process.kill(target === "group" ? -demo.pids.npm : demo.pids[target], signal);
      expect(await demo.exited).toBe(0);
      expect(demo.output()).toContain("Stopped. Events delivered: 2, dropped: 0.");
      for (const pid of Object.values(demo.pids)) expect(alive(pid)).toBe(false);
      const ports = [demo.shopUrl, demo.serverUrl].map((u) => Number(new URL(u).port));
      for (const port of ports) expect(await portFree(port)).toBe(true);

      // The visit reached the server's database before it closed.
      const server = await startServer({ port: 0, data: dataDir!, logLevel: "silent" });
      try {
        const report = await fetchReport(server.url, "PricingTest");
        expect(visitorsOf(report, variation)).toBe(1);
      } finally {
        await server.close();
      }
    },
    30_000,
  );
});
