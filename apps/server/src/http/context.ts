import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logging/logger";
import type { SettingsSource } from "../settings/SettingsSource";
import type { EventStore } from "../storage/EventStore";
import type { ReportQueries } from "../storage/ReportQueries";
import type { SettingsHistory } from "../storage/SettingsHistory";

/** What the request handlers share. */
export interface AppContext {
  readonly settings: SettingsSource;
  readonly events: EventStore;
  readonly reports: ReportQueries;
  /** Every accepted settings version (reports read the traffic splits an experiment ran with). */
  readonly history: SettingsHistory;
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
