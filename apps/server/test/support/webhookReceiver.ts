import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** One call the receiver got. */
export interface ReceivedCall {
  at: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** A local HTTP endpoint standing in for the app's webhook: records calls, answers `statuses` in turn (then 200). */
export async function webhookReceiver(statuses: number[] = []) {
  const calls: ReceivedCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      calls.push({
        at: Date.now(),
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
      });
      const status = statuses[calls.length - 1] ?? 200;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ status }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/pagesense/webhook`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
