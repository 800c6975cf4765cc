/**
 * Client CPU per event request, by HTTP client, against the collector on 127.0.0.1 answering at
 * once: `fetch` (what core's HttpClient uses), `node:http` with a keep-alive agent (the Node
 * package's NodeHttpTransport) and undici's `Pool`. One small JSON POST per request, 64 in flight.
 */

import { Agent, request } from "node:http";
import { HttpClient } from "@pagesense/core/internal";
import { NodeHttpTransport } from "@pagesense/node";
import { Pool } from "undici";
import type { Collector } from "./collector";

/** One way of sending a POST; resolves with the status. */
type Send = (url: string, path: string, body: string) => Promise<number>;

const BODY = JSON.stringify({
  furd: { f: "u1-0" },
  fvrd: [{ a: "demo", b: "EXP1", c: "V0", p: "P1", ek: "ENV1", lk: 1, fsca: [] }],
});
const PATH = "/psfullstacksdk/trackvisitor?type=22";

/** Cost of one client: CPU µs per request and requests per second. */
export interface TransportCost {
  client: string;
  cpuMicrosPerRequest: number;
  requestsPerSecond: number;
}

async function measure(
  name: string,
  send: Send,
  url: string,
  requests: number,
): Promise<TransportCost> {
  const inFlight = 64;
  const run = async (n: number) => {
    let next = 0;
    const worker = async () => {
      while (next++ < n) {
        const status = await send(url, PATH, BODY);
        if (status !== 200) throw new Error(`${name}: HTTP ${status}`);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  };
  await run(Math.min(2000, requests)); // warm up: connections, JIT
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await run(requests);
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    client: name,
    cpuMicrosPerRequest: (used.user + used.system) / requests,
    requestsPerSecond: requests / seconds,
  };
}

/** Measures each client in turn with `requests` requests. */
export async function transportCosts(
  collector: Collector,
  requests: number,
): Promise<TransportCost[]> {
  await collector.delay(0);
  const url = collector.url;
  const http = new HttpClient();
  const viaFetch: Send = async (base, path, body) =>
    (
      await http.request(base + path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        timeout: 10_000,
      })
    ).status;
  const node = new NodeHttpTransport(10_000, 64);
  const viaNodeHttp: Send = (base, path, body) =>
    node.send({
      kind: "visit",
      method: "POST",
      url: base + path,
      body,
      eventCount: 1,
      final: false,
    });
  const agent = new Agent({ keepAlive: true, maxFreeSockets: 1024 });
  const { hostname, port } = new URL(url);
  const viaRawNodeHttp: Send = (_base, path, body) =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: hostname,
          port,
          path,
          method: "POST",
          agent,
          headers: { "content-type": "application/json" },
        },
        (res) => {
          res.on("end", () => resolve(res.statusCode ?? 0));
          res.resume();
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  const pool = new Pool(url, { connections: 64 });
  const viaUndici: Send = async (_base, path, body) => {
    const res = await pool.request({
      path,
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    await res.body.dump();
    return res.statusCode;
  };
  const results = [
    await measure("fetch (core HttpClient)", viaFetch, url, requests),
    await measure(
      "NodeHttpTransport (shipped: node:http keep-alive, whole-request timer)",
      viaNodeHttp,
      url,
      requests,
    ),
    await measure("undici Pool.request", viaUndici, url, requests),
    await measure("node:http + keep-alive Agent, bare", viaRawNodeHttp, url, requests),
  ];
  await node.close();
  await pool.close();
  agent.destroy();
  return results;
}
