import { MemoryUserStorage } from "@pagesense/core";
import { buildClient, fetchHttp } from "@pagesense/core/internal";
import { beaconTransport } from "../delivery/beaconTransport";
import { createOutbox } from "../delivery/EventOutbox";
import { forcedFromUrl } from "../overrides/urlOverrides";
import { LocalStorageUserStorage } from "../storage/LocalStorageUserStorage";
import { webStorage } from "../storage/webStorage";
import { detectUserAgent } from "../userAgent/detectUserAgent";
import { persistentVisitorId } from "../visitor/visitorId";
import { BrowserClient } from "./BrowserClient";
import type { BrowserClientOptions } from "./options";

/**
 * Creates a PageSense client for this page: a persistent visitor id (`client.visitor`), detected
 * `Browser`/`OS`/`Device` attributes, sticky assignments in localStorage, and events sent with
 * keepalive fetch, beaconed when the page is hidden, and kept for the next page load when they
 * cannot be delivered. With `settings` (e.g. from the server's `client.getSettings()`), decisions
 * work at once and nothing is fetched. With `allowUrlOverrides`, `?pagesense=Experiment:Variation`
 * in the page URL forces variations for this page view (QA links). Rejects only for invalid
 * options (`ConfigurationError`).
 */
export async function createClient(options: BrowserClientOptions): Promise<BrowserClient> {
  const o = options ?? ({} as BrowserClientOptions);
  const prefix = o.storageKey || "pagesense";
  const storage = webStorage();
  const visitorId =
    o.userId || o.userId === 0 ? String(o.userId) : persistentVisitorId(storage, prefix);
  const attributes = {
    ...(o.detectAttributes === false ? undefined : detectUserAgent()),
    ...o.attributes,
  };
  const outbox = createOutbox(storage, `${prefix}:outbox`, o.maxStoredEvents ?? 500);
  const forcedVariations =
    o.allowUrlOverrides === true
      ? forcedFromUrl(o.forcedVariations, globalThis.location?.search ?? "", o.logger, o.logLevel)
      : o.forcedVariations;
  // Every part given (no server defaults): the event queue is built with the client.
  return buildClient(
    {
      ...o,
      forcedVariations,
      // A page's console is the visitor's: only problems by default (servers keep INFO).
      logLevel: o.logLevel ?? "WARNING",
      pollingInterval: o.pollingInterval ?? 0,
      userStorage:
        o.userStorage === false
          ? undefined
          : (o.userStorage ??
            (storage ? new LocalStorageUserStorage(storage, prefix) : new MemoryUserStorage())),
    },
    {
      http: fetchHttp,
      transport: beaconTransport,
      client: (parts) => new BrowserClient(parts, visitorId, attributes, outbox),
      // Kept for the next page load (the sink logs it).
      delivery: { onUndelivered: (events) => outbox.keep(events) },
    },
  );
}
