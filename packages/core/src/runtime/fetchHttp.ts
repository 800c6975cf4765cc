import { type Http, HttpClient } from "./http";

/**
 * An {@link Http} over the platform's `fetch` (what the browser package passes), with a timeout
 * over the whole request, body included. `fetchImpl` defaults to the global `fetch`, looked up per
 * request.
 */
export function fetchHttp(fetchImpl?: typeof fetch): Http {
  return new HttpClient(fetchImpl);
}
