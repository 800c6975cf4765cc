import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { EventRequest, EventTransport } from "@pagesense/core";

const JSON_HEADERS = { "content-type": "application/json" };

/**
 * Event requests over `node:http`/`node:https` with keep-alive agents: connections are reused
 * across requests, the cheapest HTTP client Node offers per request (see `docs/delivery.md` for
 * the measurement against `fetch`). `timeout` bounds the WHOLE request, response body included:
 * a collector that sends headers and then stalls or trickles fails within it. Idle connections
 * never keep the process alive.
 */
export class NodeHttpTransport implements EventTransport {
  readonly #timeout: number;
  readonly #http = new HttpAgent({ keepAlive: true, maxFreeSockets: 1024 });
  readonly #https = new HttpsAgent({ keepAlive: true, maxFreeSockets: 1024 });

  /** @param timeout Longest time one request may take, ms (`requestTimeout`). */
  constructor(timeout: number) {
    this.#timeout = timeout;
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
          res.on("end", () => done(res.statusCode ?? 0));
          res.on("close", () => {
            if (!res.complete) fail(new Error("the connection closed before the response ended"));
          });
          res.resume(); // the body is not read, only drained, so the connection is reused
        },
      );
      const timer = setTimeout(
        () => req.destroy(new Error(`request timed out after ${this.#timeout} ms`)),
        this.#timeout,
      );
      timer.unref();
      const { signal } = request;
      const abort = () => req.destroy(new Error("request aborted: close() gave up on it"));
      signal?.addEventListener("abort", abort);
      function cleanUp() {
        clearTimeout(timer);
        signal?.removeEventListener("abort", abort);
      }
      function done(status: number) {
        cleanUp();
        resolve(status);
      }
      function fail(error: Error) {
        cleanUp();
        reject(error);
      }
      req.on("error", fail);
      if (signal?.aborted) abort();
      req.end(post ? request.body : undefined);
    });
  }

  /** Closes every connection (the client is closed). */
  close(): void {
    this.#http.destroy();
    this.#https.destroy();
  }
}
