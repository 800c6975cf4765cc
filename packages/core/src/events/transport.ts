import type { Http } from "../runtime/http";

/** One event request: a JSON body for the visit or goal endpoint. */
export interface EventRequest {
  kind: "visit" | "goal";
  /** `POST` (the body is sent) or `GET` (the URL carries the body as `&raw=`; send no body). */
  method: "POST" | "GET";
  url: string;
  /** The JSON body (for `GET`, what the URL carries). */
  body: string;
  /** Records in the body. */
  eventCount: number;
  /** True during the final flush (page unload, process exit): transports may use a beacon. */
  final: boolean;
  /** Aborted when `close()` gives up on the requests in flight. */
  signal?: AbortSignal;
}

/**
 * Sends event requests. Resolves with the HTTP status (0 when the network failed); rejecting is
 * treated as a network failure. The browser adapter swaps in a keepalive/beacon transport.
 */
export interface EventTransport {
  send(request: EventRequest): Promise<number>;
}

/**
 * Default `maxConcurrentRequests` on servers: one request carries one user, so 5,000 new users a
 * second at 100 ms round trip need 500 requests in flight (Little's law); 1,000 leaves headroom.
 */
export const SERVER_MAX_CONCURRENT_REQUESTS = 1000;

const JSON_HEADERS = { "content-type": "application/json" };

/**
 * The default transport: JSON through the SDK's HTTP client (`POST` with a body, or `GET` with
 * `&raw=` in the URL); `timeout` bounds the whole request, body included.
 */
export function httpTransport(http: Http, timeout = 10_000): EventTransport {
  return {
    async send(request) {
      const post = request.method !== "GET";
      const res = await http.request(request.url, {
        method: post ? "POST" : "GET",
        headers: post ? JSON_HEADERS : undefined,
        body: post ? request.body : undefined,
        timeout,
        signal: request.signal,
      });
      return res.status;
    },
  };
}

/** Whether a status is worth retrying: network failure, 408, 429 or 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
