import type { ClientOptions } from "@pagesense/core";

/** Options of the Node {@link createClient}: the core options plus Node-only ones. */
export interface NodeClientOptions extends ClientOptions {
  /**
   * Flush and close the client on SIGTERM, SIGINT and `beforeExit`, then let the signal end the
   * process as it would have (unless the application listens to it). Default true.
   */
  handleSignals?: boolean;
  /**
   * A JSON file holding the settings document: read at start (so a cold start needs no network)
   * and rewritten atomically whenever new settings arrive. A missing or invalid file is logged
   * and ignored. Ignored for reading when `settings` is given (it is still kept up to date).
   */
  settingsFile?: string;
}
