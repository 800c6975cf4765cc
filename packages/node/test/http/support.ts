import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type LocalServer, listenLocal } from "@pagesense/testing";

/** A real HTTP server on 127.0.0.1 whose handler is given per test. */
export type TestServer = LocalServer;

/** Starts a {@link TestServer} answering with `handler` (a rejection answers 500). */
export function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
): Promise<TestServer> {
  const server: Server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return listenLocal(server);
}
