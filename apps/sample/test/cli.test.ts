// `npm run demo` ends in `node dist/cli.js`: run it as a real process (the built dist), visit the
// shop, press "Ctrl-C" (SIGINT) before the shop's batch is due, and check that the events made
// it into the server's database.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "@pagesense/server";
import { afterEach, expect, it } from "vitest";
import { Visitor } from "./support/demo";
import { fetchReport, goalStats, visitorsOf } from "./support/report";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

let child: ChildProcess | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Resolves with the first match of `pattern` in the output so far (rejects on exit). */
function waitForOutput(proc: ChildProcess, output: () => string, pattern: RegExp) {
  return new Promise<RegExpExecArray>((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(output());
      if (match) {
        proc.stdout!.off("data", check);
        resolve(match);
      }
    };
    proc.stdout!.on("data", check);
    proc.once("exit", (code) =>
      reject(new Error(`exited (${code}) before ${pattern}:\n${output()}`)),
    );
    check();
  });
}

it("prints the URLs, and on SIGINT delivers the shop's events, closes both and exits 0", async () => {
  dataDir = await mkdtemp(join(tmpdir(), "pagesense-sample-cli-"));
  const proc = spawn(process.execPath, [CLI], {
    env: { ...process.env, PORT: "0", PAGESENSE_PORT: "0", PAGESENSE_DATA: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  let output = "";
  proc.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  proc.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));

  const [, shopUrl] = await waitForOutput(proc, () => output, /Shop\s+(http:\/\/\S+\/pricing)/);
  const [, serverUrl] = await waitForOutput(proc, () => output, /Report\s+(http:\/\/\S+)\/report/);

  const visitor = new Visitor(shopUrl!);
  const page = await (await visitor.request("/pricing")).text();
  const variation = /data-variation="([^"]*)"/.exec(page)![1]!;
  expect((await visitor.buy("starter")).status).toBe(303);

  // At once: the shop's batch (1 s flush interval) is still waiting.
  const exited = new Promise<number | null>((resolve) => proc.once("exit", resolve));
  proc.kill("SIGINT");
  expect(await exited).toBe(0);
  expect(output).toContain("Stopped. Events delivered: 2, dropped: 0.");

  // Both ports are free again and the database holds the visit and the purchase.
  const server = await startServer({
    port: Number(new URL(serverUrl!).port),
    data: dataDir,
    logLevel: "silent",
  });
  try {
    const report = await fetchReport(server.url, "PricingTest");
    expect(visitorsOf(report, variation)).toBe(1);
    expect(goalStats(report, "PurchaseCompleted", variation)).toMatchObject({
      conversions: 1,
      revenue: 19,
    });
  } finally {
    await server.close();
  }
});

it("names PAGESENSE_PORT when the local server's port is in use, and exits 1", async () => {
  dataDir = await mkdtemp(join(tmpdir(), "pagesense-sample-cli-"));
  const taken = await startServer({ port: 0, data: dataDir, logLevel: "silent" });
  try {
    const proc = spawn(process.execPath, [CLI], {
      env: {
        ...process.env,
        PORT: "0",
        PAGESENSE_PORT: String(taken.port),
        PAGESENSE_DATA: dataDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    let stderr = "";
    proc.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((resolve) => proc.once("exit", resolve))).toBe(1);
    expect(stderr).toContain("EADDRINUSE");
    expect(stderr).toContain("set PAGESENSE_PORT to run the local PageSense server on another one");
  } finally {
    await taken.close();
  }
});
