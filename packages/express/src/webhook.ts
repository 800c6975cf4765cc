import { ConfigurationError } from "@pagesense/core";
import { createWebhookHandler } from "@pagesense/node/http";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { PageSenseWebhookOptions } from "./types";

/**
 * Express handler for PageSense's webhook (sent when an experiment is relaunched): checks the
 * `X-OAuth-Token` header against `token`, validates the body and refreshes the client's settings.
 * Answers JSON `{ status, message }` with 200 (refresh triggered), 401 (bad token), 400 (bad body),
 * 413 (body over 64 KB) or 503 (refresh failed; PageSense retries). Works with or without a body
 * parser in front of it. A missing client or token throws a `ConfigurationError` here, at start-up.
 *
 * @example
 * app.post("/pagesense/webhook", pagesenseWebhook({ client, token: process.env.PAGESENSE_WEBHOOK_TOKEN ?? "" }));
 * // an unset variable ("") fails here, at start-up, with a ConfigurationError
 */
export function pagesenseWebhook(options: PageSenseWebhookOptions): RequestHandler {
  if (typeof options !== "object" || options === null) {
    throw new ConfigurationError("PageSense: pagesenseWebhook(options) needs an options object");
  }
  const handleWebhook = createWebhookHandler(options.client, options.token);
  return function pagesenseWebhookHandler(req: Request, res: Response, next: NextFunction): void {
    handleWebhook({ req, parsedBody: req.body }).then((result) => {
      res.status(result.status).json(result);
    }, next);
  };
}
