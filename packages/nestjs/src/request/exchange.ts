import { IncomingMessage, ServerResponse } from "node:http";
import type { HttpExchange } from "@pagesense/node/http";
import type { PageSenseHttpRequest } from "../options";

const unsupported = () =>
  new TypeError(
    "PageSense: not an HTTP request (@nestjs/platform-express and @nestjs/platform-fastify are supported)",
  );

/** Node's request behind an adapter's request: Express's is Node's own; Fastify's is `.raw`. */
export function rawRequest(request: PageSenseHttpRequest): IncomingMessage {
  const req: unknown = request instanceof IncomingMessage ? request : request?.raw;
  if (!(req instanceof IncomingMessage)) throw unsupported();
  return req;
}

/** Node's response behind an adapter's response: Express's is Node's own; Fastify's is `.raw`. */
export function rawResponse(response: unknown): ServerResponse {
  const res: unknown =
    response instanceof ServerResponse ? response : (response as { raw?: unknown } | null)?.raw;
  if (!(res instanceof ServerResponse)) throw unsupported();
  return res;
}

/**
 * The exchange the shared request helpers work on. Whether the request is secure comes from the
 * framework (Express `req.secure`, Fastify `request.protocol`), so its "trust proxy" setting is
 * honoured.
 */
export function toHttpExchange(
  request: PageSenseHttpRequest,
  response: unknown,
): HttpExchange<PageSenseHttpRequest> {
  let secure: boolean | undefined;
  if (typeof request?.secure === "boolean") secure = request.secure;
  else if (typeof request?.protocol === "string") secure = request.protocol === "https";
  return { req: rawRequest(request), res: rawResponse(response), request, secure };
}
