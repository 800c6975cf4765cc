import { ConfigurationError } from "@pagesense/core";
import { handleWebhookCall } from "@pagesense/node";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { PageSenseWebhookOptions } from "./types";

/**
 * Express handler for PageSense's webhook (sent when an experiment is relaunched): checks the
 * `X-OAuth-Token` header against `token`, validates the body and refreshes the client's settings.
 * Answers JSON `{ status, message }` with 200 (refresh triggered), 401 (bad token), 400 (bad body),
 * 413 (body over 64 KB) or 503 (refresh failed; PageSense retries). Works with or without a body
 * parser in front of it.
 *
 * @example
 * app.post("/pagesense/webhook", pagesenseWebhook({ client, token: process.env.PAGESENSE_WEBHOOK_TOKEN }));
 */
export function pagesenseWebhook(options: PageSenseWebhookOptions): RequestHandler {
  if (typeof options !== "object" || options === null) {
    throw new ConfigurationError("PageSense: pagesenseWebhook(options) needs an options object");
  }
  const { client, token } = options;
  if (typeof client?.handleWebhook !== "function") {
    throw new ConfigurationError(
      "PageSense: pagesenseWebhook({ client }) needs the client returned by createClient()",
    );
  }
  if (typeof token !== "string" || token === "") {
    throw new ConfigurationError(
      "PageSense: pagesenseWebhook({ token }) needs the secret set in PageSense's webhook settings",
    );
  }
  return function pagesenseWebhookHandler(req: Request, res: Response, next: NextFunction): void {
    handleWebhookCall(client, { req, parsedBody: req.body }, token).then((result) => {
      res.status(result.status).json(result);
    }, next);
  };
}
