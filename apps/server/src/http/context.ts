import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logging/logger";
import type { SettingsSource } from "../settings/SettingsSource";
import type { EventStore } from "../storage/EventStore";
import type { ReportQueries } from "../storage/ReportQueries";

/** What the request handlers share. */
export interface AppContext {
  readonly settings: SettingsSource;
  readonly events: EventStore;
  readonly reports: ReportQueries;
  readonly logger: Logger;
}

/** One request being handled. */
export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  /** Decoded path parameters (`:experiment`). */
  readonly params: Readonly<Record<string, string>>;
  readonly app: AppContext;
}

/** A route handler. */
export type Handler = (ctx: RequestContext) => void | Promise<void>;
