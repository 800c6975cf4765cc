import { ConfigurationError, consoleLogger, messageOf, SafeLogger } from "@pagesense/core";
import { createRequestUserResolver } from "@pagesense/node";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { PageSenseMiddlewareOptions } from "./types";

/**
 * Express middleware that sets `req.pagesense`, the request's PageSense user: the id from
 * `userId(req)`, else from the visitor cookie (`pagesense_uid`, issued on the first visit), with
 * `Browser`, `OS` and `Device` attributes from the User-Agent merged under `attributes(req)`.
 *
 * It never breaks a request: when PageSense is not ready, decisions resolve to `null`; a failing
 * callback is logged and skipped, and `next()` is always called. Invalid options throw a
 * `ConfigurationError` here, at start-up.
 *
 * @example
 * app.use(pagesense({ client }));
 * app.get("/pricing", async (req, res) => {
 *   const variation = await req.pagesense.activateExperiment("PricingTest");
 *   res.render(variation === "Variation 1" ? "pricing-b" : "pricing-a");
 * });
 */
export function pagesense(options: PageSenseMiddlewareOptions): RequestHandler {
  if (typeof options !== "object" || options === null) {
    throw new ConfigurationError("PageSense: pagesense(options) needs an options object");
  }
  const { client, ...userOptions } = options;
  if (typeof client?.forUser !== "function") {
    throw new ConfigurationError(
      "PageSense: pagesense({ client }) needs the client returned by createClient()",
    );
  }
  const resolveUser = createRequestUserResolver<Request>(userOptions);
  const log = new SafeLogger(options.logger ?? consoleLogger, "INFO");

  return function pagesenseMiddleware(req: Request, res: Response, next: NextFunction): void {
    if (req.pagesense !== undefined) {
      next();
      return;
    }
    // The resolver never rejects; the catch covers the whole step, so next() always runs.
    resolveUser({ req, res, request: req, secure: req.secure })
      .then((user) => {
        req.pagesense = client.forUser(user.userId, user.attributes);
      })
      .catch((error: unknown) => log.error(`middleware: ${messageOf(error)}`))
      .then(() => next());
  };
}
