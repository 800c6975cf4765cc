import type { Http } from "../runtime/http";

/** One event request: a JSON body for the visit or goal endpoint. */
export interface EventRequest {
  kind: "visit" | "goal";
  url: string;
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
}

/** The default transport: `POST` JSON through the SDK's HTTP client. */
export function httpTransport(http: Http, timeout = 10_000): EventTransport {
  return {
    async send(request) {
      const res = await http.request(request.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: request.body,
        timeout,
      });
      return res.status;
    },
  };
}

/** Whether a status is worth retrying: network failure, 408, 429 or 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
