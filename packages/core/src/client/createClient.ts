import { SERVER_MAX_CONCURRENT_REQUESTS } from "../events/transport";
import { HttpClient } from "../runtime/http";
import { assembleClient } from "./assembleClient";
import type { ClientOptions } from "./options";
import { PageSenseClient } from "./PageSenseClient";

/**
 * Creates a PageSense client. With `settings`, it is ready at once; otherwise it fetches settings
 * and resolves when they are loaded or after `initTimeout` (then decisions return `null` with
 * reason `NOT_READY` until settings arrive; `isReady()` tells). Rejects only for invalid options,
 * with a {@link ConfigurationError} saying what to fix.
 */
export function createClient(options: ClientOptions): Promise<PageSenseClient> {
  return assembleClient(options, {
    http: (fetchImpl) => new HttpClient(fetchImpl),
    maxConcurrentRequests: SERVER_MAX_CONCURRENT_REQUESTS,
    client: (parts) => new PageSenseClient(parts),
  });
}
