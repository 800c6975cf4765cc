import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import {
  exampleSettings,
  type LocalServer,
  listenLocal,
  RecordingLogger,
} from "@pagesense/testing";
import { afterEach, describe, expect, it } from "vitest";
import { createClient } from "../src/client/createClient";
import { chrome } from "./helpers";

const NODE_ENTRY = fileURLToPath(new URL("../dist/index.js", import.meta.url));

/** Event collectors to close after each test. */
const servers: LocalServer[] = [];
afterEach(async () => {
  while (servers.length > 0) await servers.pop()!.close();
});

/**
 * A collector on 127.0.0.1: event requests number `stalled(n)` get their headers and then
 * nothing; the others 200 at once. Records the accepted users.
 */
async function collector(stalled: (n: number) => boolean) {
  const users: string[] = [];
  let n = 0;
  const server = await listenLocal(
    createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString();
      });
      req.on("end", () => {
        if (stalled(n++)) {
          res.writeHead(200).flushHeaders();
          return;
        }
        users.push(JSON.parse(body).furd.f);
        res.writeHead(200).end("{}");
      });
    }),
  );
  servers.push(server);
  return { url: server.url, users };
}

describe("event delivery through the Node transport (node:http)", () => {
  it("a stalled response body fails within requestTimeout and the retry delivers", async () => {
    const c = await collector((n) => n === 0);
    const logger = new RecordingLogger();
    const client = await createClient({
      settings: exampleSettings(),
      baseUrl: c.url,
      requestTimeout: 300,
      retryDelay: 10,
      flushInterval: 10,
      handleSignals: false,
      logger,
    });
    await client.activateExperiment("PricingTest", "u1", chrome);
    await client.flush();
    expect(c.users).toEqual(["u1"]);
    expect(client.getStats()).toMatchObject({ eventsSent: 1, eventsRetried: 1, eventsDropped: 0 });
    expect(logger.text()).toContain("request timed out after 300 ms");
    await client.close();
  });

  it("hands each batch's delivery to waitUntil (createClient option)", async () => {
    const c = await collector(() => false);
    const handed: Promise<unknown>[] = [];
    const client = await createClient({
      settings: exampleSettings(),
      baseUrl: c.url,
      flushInterval: 20,
      handleSignals: false,
      logLevel: "OFF",
      waitUntil: (p) => handed.push(p),
    });
    await client.activateExperiment("PricingTest", "u1", chrome);
    await client.trackGoal("PricingTest", "u1", "PurchaseCompleted", chrome);
    expect(handed).toHaveLength(1);
    await handed[0];
    expect(c.users).toEqual(["u1", "u1"]);
    await client.close();
  });

  it("a process whose collector stalls still exits after close(), counting the event in doubt", async () => {
    const c = await collector(() => true);
    const script = `
      const { createClient } = await import(${JSON.stringify(NODE_ENTRY)});
      const client = await createClient({
        settings: JSON.parse(process.env.PS_SETTINGS), baseUrl: process.env.PS_URL,
        closeTimeout: 300, requestTimeout: 60000, flushInterval: 10, handleSignals: false, logLevel: "OFF",
      });
      await client.activateExperiment("PricingTest", "u1", { Browser: "Chrome" });
      await new Promise((r) => setTimeout(r, 100));
      await client.close();
      console.log(JSON.stringify(client.getStats()));
    `;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, PS_URL: c.url, PS_SETTINGS: JSON.stringify(exampleSettings()) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code, out).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ eventsSent: 0, eventsDropped: 0, eventsInDoubt: 1 });
  });
});
