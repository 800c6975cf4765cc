/**
 * Child process of the delivery bench: a minimal event collector on 127.0.0.1 that answers each
 * event request after a configurable delay (100 ms by default, PageSense's hosts being tens to
 * hundreds of ms away), and fails on demand: 503 answers, or connection refused (listener
 * closed). It counts accepted events, distinct users, duplicates, and the time from activation
 * (in the user id) to the answer. Its own process keeps its CPU out of the client's figures.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CollectorCounts, CollectorMode, ToCollector } from "./protocol";

let delayMs = 100;
let mode: CollectorMode = "ok";
let port = 0;
let requests = 0;
let events = 0;
let duplicates = 0;
const users = new Set<string>();
let latencies: number[] = [];

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => answer(req, res, Buffer.concat(chunks).toString("utf8")));
});
server.keepAliveTimeout = 30_000;
server.maxRequestsPerSocket = 0;

function answer(req: IncomingMessage, res: ServerResponse, text: string): void {
  requests++;
  if (mode === "503") {
    res.writeHead(503, { "content-type": "application/json" }).end('{"status_code":"503"}');
    return;
  }
  const raw =
    req.method === "GET" ? new URL(req.url ?? "/", "http://x").searchParams.get("raw") : text;
  setTimeout(() => {
    let body: { furd?: { f?: string }; fvrd?: unknown[]; fgrd?: unknown[] };
    try {
      body = JSON.parse(raw ?? "");
    } catch {
      res.writeHead(400).end();
      return;
    }
    const user = body.furd?.f ?? "";
    const n = (body.fvrd ?? body.fgrd ?? []).length;
    events += n;
    if (users.has(user)) duplicates += n;
    else users.add(user);
    const at = Number(user.slice(user.lastIndexOf("-") + 1));
    if (at > 0) latencies.push(Date.now() - at);
    res.writeHead(200, { "content-type": "application/json" }).end('{"status_code":"200"}');
  }, delayMs);
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : 0;
}

function counts(): CollectorCounts {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests,
    events,
    users: users.size,
    duplicates,
    latencyP50: percentile(sorted, 0.5),
    latencyP99: percentile(sorted, 0.99),
  };
}

function listen(): Promise<void> {
  return new Promise((resolve) =>
    server.listen({ host: "127.0.0.1", port }, () => {
      port = (server.address() as AddressInfo).port;
      resolve();
    }),
  );
}

process.on("message", async (m: ToCollector) => {
  switch (m.type) {
    case "start":
      delayMs = m.delayMs;
      await listen();
      process.send?.({ type: "started", url: `http://127.0.0.1:${port}` });
      return;
    case "mode":
      if (m.mode === "refuse" && mode !== "refuse") {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      } else if (m.mode !== "refuse" && mode === "refuse") await listen();
      mode = m.mode;
      process.send?.({ type: "ok" });
      return;
    case "delay":
      delayMs = m.delayMs;
      process.send?.({ type: "ok" });
      return;
    case "counts":
      process.send?.({ type: "counts", counts: counts() });
      if (m.reset) {
        requests = events = duplicates = 0;
        users.clear();
        latencies = [];
      }
      return;
    case "stop":
      server.closeAllConnections();
      server.close();
      process.send?.({ type: "ok" }, () => process.exit(0));
  }
});
