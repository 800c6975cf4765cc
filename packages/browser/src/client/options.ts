import type { ClientOptions, UserAttributes, UserStorage } from "@pagesense/core";
import type { LocalStorageUserStorage } from "../storage/LocalStorageUserStorage";

/**
 * Options of the browser `createClient`: those of `@pagesense/core` (`settings` or
 * `accountId` + `sdkKey` + `projectName`, `baseUrl`, delivery tuning, logging, ...) plus these.
 * In the browser `pollingInterval` defaults to 0 (settings are read once per page load) and
 * `logLevel` to `"WARNING"` (a page's console shows only problems; servers keep `"INFO"`).
 */
export interface BrowserClientOptions extends Omit<ClientOptions, "userStorage"> {
  /**
   * Keeps assignments sticky when an experiment's traffic or shares change. Default: a
   * {@link LocalStorageUserStorage}; `false` turns it off (hashing alone decides).
   */
  userStorage?: UserStorage | false;
  /**
   * The visitor's id, e.g. the signed-in user's id or the id the server decided with (SSR
   * hand-off); numbers are turned into strings. Default: an anonymous id kept in localStorage (or a
   * first-party cookie).
   */
  userId?: string | number;
  /** Attributes of this visitor; they override the detected `Browser`, `OS` and `Device`. */
  attributes?: UserAttributes;
  /** Detect `Browser`, `OS` and `Device` from the browser. Default true. */
  detectAttributes?: boolean;
  /** Prefix of the localStorage keys and of the visitor cookie's name. Default `"pagesense"`. */
  storageKey?: string;
  /** Undelivered events kept in localStorage at most, for the next page load. Default 500. */
  maxStoredEvents?: number;
  /**
   * QA links: force variations for this page view from the URL,
   * `?pagesense=PricingTest:Variation%201` (several separated by commas), over `forcedVariations`.
   * Unknown names are warned about and ignored. Default false: never turn it on for pages whose
   * visitors should not choose their variation.
   */
  allowUrlOverrides?: boolean;
}
