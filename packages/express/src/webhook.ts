import { ConfigurationError, type WebhookResponse } from "@pagesense/core";
import { createWebhookHandler } from "@pagesense/node/http";
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from "express";
import type { PageSenseWebhookOptions } from "./types";

/**
 * The webhook's handlers, as `app.post(path, ...)` and `app.use(path, ...)` take them: the request
 * handler, then the error handler that answers a body parser's refusal of a webhook call.
 */
export type PageSenseWebhookHandlers = [RequestHandler, ErrorRequestHandler];

/**
 * Express handlers for PageSense's webhook (sent when an experiment is relaunched), in this
 * order: a missing or wrong `X-OAuth-Token` gets 401 (the body is not read), then a body over
 * 64 KB gets 413, then a bad body 400; a good call refreshes the client's settings (200, or 503
 * when the refresh failed and PageSense retries). Answers JSON `{ status, message }`.
 *
 * Works with or without a body parser: a parser's refusal of the body (malformed JSON, over its
 * limit) gets the same JSON answer, after the token check; other errors are passed on with
 * `next(err)`. Express skips routes while an error is pending, so behind an app-level
 * `app.use(express.json())` mount it with `app.use(path, ...)` (it answers POST calls to `path`
 * only and passes everything else on). A missing client or token throws a `ConfigurationError`
 * here, at start-up.
 *
 * @example
 * app.post("/pagesense/webhook", pagesenseWebhook({ client, token: process.env.PAGESENSE_WEBHOOK_TOKEN ?? "" }));
 * // an unset variable ("") fails here, at start-up, with a ConfigurationError
 */
export function pagesenseWebhook(options: PageSenseWebhookOptions): PageSenseWebhookHandlers {
  if (typeof options !== "object" || options === null) {
    throw new ConfigurationError("PageSense: pagesenseWebhook(options) needs an options object");
  }
  const handleWebhook = createWebhookHandler(options.client, options.token);
  const answer = (res: Response, result: WebhookResponse) => {
    res.status(result.status).json(result);
  };

  function pagesenseWebhookHandler(req: Request, res: Response, next: NextFunction): void {
    if (!isWebhookCall(req)) {
      next();
      return;
    }
    handleWebhook({ req, parsedBody: req.body }).then((result) => answer(res, result), next);
  }

  function pagesenseWebhookBodyError(
    error: unknown,
    req: Request,
    res: Response,
    next: NextFunction,
  ): void {
    const bodyRefused = isWebhookCall(req) ? bodyParserRefusal(error) : undefined;
    if (bodyRefused === undefined) {
      next(error);
      return;
    }
    handleWebhook({ req, bodyRefused }).then((result) => answer(res, result), next);
  }

  return [pagesenseWebhookHandler, pagesenseWebhookBodyError];
}

/**
 * Whether `req` is a call to the webhook: a POST to its route (`app.post`), or to its path
 * exactly when it is mounted with `app.use(path, ...)` (which matches every method and sub-path).
 */
function isWebhookCall(req: Request): boolean {
  return req.method === "POST" && (req.route !== undefined || req.path === "/");
}

/**
 * The answer to a body parser's error (`express.json()`, `express.text()`, body-parser: an
 * http-errors error with a `type` such as "entity.parse.failed" and a 4xx `status`), or
 * `undefined` for any other error. The parser's own message is not echoed: it can quote the body.
 */
function bodyParserRefusal(error: unknown): WebhookResponse | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { type, status } = error as { type?: unknown; status?: unknown };
  if (typeof type !== "string" || typeof status !== "number") return undefined;
  if (status < 400 || status > 499) return undefined;
  if (type === "entity.parse.failed") return { status: 400, message: "the body is not JSON" };
  if (type === "entity.too.large") {
    return { status: 413, message: "the webhook body is larger than the body parser's limit" };
  }
  return { status, message: `the body parser refused the body (${type})` };
}
