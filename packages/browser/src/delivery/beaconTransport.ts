import type { EventTransport, Http } from "@pagesense/core";

/** Largest body sent with `keepalive` (browsers cap all keepalive bodies in flight at 64 KB). */
export const KEEPALIVE_LIMIT = 16_384;

/**
 * Event delivery for pages: `fetch` with `keepalive` (the request survives navigation), and
 * `navigator.sendBeacon` during the final flush (page hidden or unloading); a refused beacon falls
 * back to `fetch`. Bodies are JSON sent as `text/plain`, a CORS-safelisted type, so no preflight
 * request precedes them (and beacons are allowed cross-origin).
 */
export function beaconTransport(http: Http, timeout: number): EventTransport {
  return {
    async send(request) {
      if (request.method === "GET") {
        // GET mode (`eventMethod`): the URL carries the events; beacons only POST.
        const response = await http.request(request.url, {
          method: "GET",
          timeout,
          keepalive: true,
        });
        return response.status;
      }
      if (request.final) {
        try {
          if (navigator.sendBeacon(request.url, request.body)) return 200;
        } catch {
          // no beacon support: fall back to fetch
        }
      }
      const response = await http.request(request.url, {
        method: "POST",
        headers: { "content-type": "text/plain;charset=UTF-8" },
        body: request.body,
        timeout,
        keepalive: request.body.length <= KEEPALIVE_LIMIT,
      });
      return response.status;
    },
  };
}
