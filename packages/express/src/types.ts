import type { UserContext, WebhookClient } from "@pagesense/core";
import type { RequestUserOptions } from "@pagesense/node";
import type { Request } from "express";

declare global {
  // Express's own extension point: `Express.Request` is merged into `express.Request`.
  namespace Express {
    interface Request {
      /**
       * The PageSense user of this request (set by the `pagesense()` middleware): bucketing and
       * goal tracking bound to the visitor's id and attributes. Present on every request the
       * middleware ran for, even when PageSense is not ready (its decisions are then `null`).
       */
      pagesense: UserContext;
    }
  }
}

/** Options of the {@link pagesense} middleware. */
export interface PageSenseMiddlewareOptions
  extends Omit<RequestUserOptions<Request>, "trustProxy"> {
  /** The client from `createClient()` (`@pagesense/node`). */
  client: WebhookClient;
}

/** Options of the {@link pagesenseWebhook} handler. */
export interface PageSenseWebhookOptions {
  /** The client whose settings the webhook refreshes. */
  client: WebhookClient;
  /** The secret entered in PageSense's webhook settings, sent back as `X-OAuth-Token`. */
  token: string;
}
