import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { EventRequest, EventTransport } from "@pagesense/core";

const JSON_HEADERS = { "content-type": "application/json" };

/**
 * Event requests over `node:http`/`node:https` with keep-alive agents: connections are reused
 * across requests, at a sixth of `fetch`'s client CPU per request (`docs/delivery.md`). Chosen
 * over undici's `Pool` (a little cheaper still on Node) because it is built into every runtime
 * that runs `@pagesense/node` (Node, Bun, Deno) and bundles without a dynamic `require`.
 * `timeout` bounds the WHOLE request, response body included: a collector that sends headers and
 * then stalls or trickles fails within it. Idle connections never keep the process alive;
 * {@link NodeHttpTransport.close} (called at the end of the client's `close()`) ends requests
 * still in flight.
 */
export class NodeHttpTransport implements EventTransport {
  readonly #timeout: number;
  readonly #http: HttpAgent;
  readonly #https: HttpsAgent;

  /**
   * @param timeout Longest time one request may take, ms (`requestTimeout`).
   * @param connections Connections per origin at most (`maxConcurrentRequests`).
   */
  constructor(timeout: number, connections: number) {
    this.#timeout = timeout;
    const agent = { keepAlive: true, maxSockets: connections, maxFreeSockets: connections };
    this.#http = new HttpAgent(agent);
    this.#https = new HttpsAgent(agent);
  }

  send(request: EventRequest): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const secure = request.url.startsWith("https:");
      const post = request.method !== "GET";
      const req = (secure ? httpsRequest : httpRequest)(
        request.url,
        {
          method: post ? "POST" : "GET",
          agent: secure ? this.#https : this.#http,
          headers: post ? JSON_HEADERS : undefined,
        },
        (res: IncomingMessage) => {
          res.on("error", fail);
          res.on("end", () => settle(() => resolve(res.statusCode ?? 0)));
          res.on("close", () => {
            if (!res.complete) fail(new Error("the connection closed before the response ended"));
          });
          res.resume(); // the body is drained, not read, so the connection is reused
        },
      );
      // One plain timer over the whole request (headers and body): no AbortController.
      const timer = setTimeout(
        () => req.destroy(new Error(`request timed out after ${this.#timeout} ms`)),
        this.#timeout,
      );
      (timer as { unref?: () => void }).unref?.();
      let settled = false;
      function settle(finish: () => void) {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        finish();
      }
      function fail(error: Error) {
        settle(() => reject(error));
      }
      req.on("error", fail);
      req.end(post ? request.body : undefined);
    });
  }

  /** Closes every connection, ending the requests in flight (the client is closed). */
  close(): void {
    this.#http.destroy();
    this.#https.destroy();
  }
}
