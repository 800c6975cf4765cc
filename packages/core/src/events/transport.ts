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
}

/**
 * Sends event requests. Resolves with the HTTP status (0 when the network failed); rejecting is
 * treated as a network failure. The browser adapter swaps in a keepalive/beacon transport.
 */
export interface EventTransport {
  send(request: EventRequest): Promise<number>;
  /**
   * Ends the requests still in flight and frees connections; the delivery queue calls it once,
   * at the end of `close()` (after delivering, or when `closeTimeout` gave up on them). Optional.
   */
  close?(): void | Promise<void>;
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
  /** Aborts of the requests in flight, for close(). */
  const inFlight = new Set<AbortController>();
  return {
    async send(request) {
      const post = request.method !== "GET";
      const abort = new AbortController();
      inFlight.add(abort);
      try {
        const res = await http.request(request.url, {
          method: post ? "POST" : "GET",
          headers: post ? JSON_HEADERS : undefined,
          body: post ? request.body : undefined,
          timeout,
          signal: abort.signal,
        });
        return res.status;
      } finally {
        inFlight.delete(abort);
      }
    },
    close() {
      for (const abort of inFlight) abort.abort(new Error("the client closed"));
      inFlight.clear();
    },
  };
}

/** Whether a status is worth retrying: network failure, 408, 429 or 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
