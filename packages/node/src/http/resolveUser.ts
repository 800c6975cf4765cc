import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ConfigurationError, consoleLogger, messageOf, SafeLogger } from "@pagesense/core";
import { appendSetCookie, readCookie, visitorCookie } from "./cookies";
import { DEFAULT_COOKIE_NAME, type RequestUserOptions } from "./options";
import { isSecureRequest } from "./secure";
import { userAgentAttributes } from "./userAgent";

/** One HTTP exchange, as the shared helpers see it. */
export interface HttpExchange<Req = IncomingMessage> {
  /** Node's request: headers and socket are read from it. */
  req: IncomingMessage;
  /** Node's response: the visitor cookie is set on it. */
  res: ServerResponse;
  /** The framework's request, handed to the `userId`/`attributes` callbacks (default: `req`). */
  request?: Req;
  /**
   * Whether the request is secure, as the framework decided it (e.g. Express's `req.secure`, which
   * honours its "trust proxy" setting). Default: TLS socket, or `X-Forwarded-Proto` with `trustProxy`.
   */
  secure?: boolean;
}

/** Who a request's user is, and where the id came from. */
export interface RequestUser {
  /** The id used for bucketing and reports. */
  userId: string;
  /** `Browser`, `OS`, `Device` from the User-Agent, with the app's own attributes merged over them. */
  attributes: Record<string, string>;
  /** `custom`: the app's `userId` callback; `cookie`: the visitor cookie; `new`: a new id was issued. */
  source: "custom" | "cookie" | "new";
}

/** Resolves the PageSense user of one HTTP exchange (see {@link createRequestUserResolver}). */
export type RequestUserResolver<Req = IncomingMessage> = (
  exchange: HttpExchange<Req>,
) => Promise<RequestUser>;

/**
 * Checks `options` once (a {@link ConfigurationError} names what to fix) and returns the function
 * that resolves a request's PageSense user: the app's `userId(req)` when it returns an id, else
 * the visitor cookie, else a new random id, set as a cookie (HttpOnly, SameSite=Lax, one year,
 * Path=/, Secure over HTTPS). Attributes: `Browser`, `OS`, `Device` from the User-Agent, with the
 * app's `attributes(req)` merged over them. The returned function never rejects (a failing callback
 * is logged and skipped) and resolves each request once, so a request never issues two cookies.
 */
export function createRequestUserResolver<Req = IncomingMessage>(
  options: RequestUserOptions<Req> = {},
): RequestUserResolver<Req> {
  checkRequestUserOptions(options);
  const log = new SafeLogger(options.logger ?? consoleLogger, "INFO");
  const cookieName = options.cookieName ?? DEFAULT_COOKIE_NAME;
  const resolved = new WeakMap<IncomingMessage, Promise<RequestUser>>();
  return (exchange) => {
    const existing = resolved.get(exchange.req);
    if (existing) return existing;
    const promise = resolve(exchange, options, cookieName, log).catch((error: unknown) => {
      // Unreachable in practice (every step catches); keep the promise of never rejecting.
      log.error(`resolving the request's user failed: ${messageOf(error)}; using a new id`);
      return { userId: randomUUID(), attributes: {}, source: "new" as const };
    });
    resolved.set(exchange.req, promise);
    return promise;
  };
}

async function resolve<Req>(
  exchange: HttpExchange<Req>,
  options: RequestUserOptions<Req>,
  cookieName: string,
  log: SafeLogger,
): Promise<RequestUser> {
  const request = (exchange.request ?? exchange.req) as Req;
  const attributes = await buildAttributes(exchange.req, request, options, log);

  const custom = await callUserId(request, options, log);
  if (custom !== undefined) return { userId: custom, attributes, source: "custom" };

  const fromCookie = readCookie(exchange.req, cookieName);
  if (fromCookie !== undefined) return { userId: fromCookie, attributes, source: "cookie" };

  const userId = randomUUID();
  const secure = exchange.secure ?? isSecureRequest(exchange.req, options.trustProxy === true);
  try {
    const cookie = visitorCookie(cookieName, userId, options.cookie, secure);
    if (!appendSetCookie(exchange.res, cookie)) {
      log.warn(
        `the response was already sent, so the visitor cookie "${cookieName}" was not set; this visitor gets a new id on the next request`,
      );
    }
  } catch (error) {
    log.error(`could not set the visitor cookie "${cookieName}": ${messageOf(error)}`);
  }
  return { userId, attributes, source: "new" };
}

async function callUserId<Req>(
  request: Req,
  options: RequestUserOptions<Req>,
  log: SafeLogger,
): Promise<string | undefined> {
  if (typeof options.userId !== "function") return undefined;
  try {
    const id: unknown = await options.userId(request);
    if (typeof id === "string" && id !== "") return id;
    if (typeof id === "number" && Number.isFinite(id)) return String(id);
    if (id !== undefined && id !== null && id !== "") {
      log.warn(`userId(req) returned ${typeof id}, not a string; using the visitor cookie`);
    }
  } catch (error) {
    log.error(`userId(req) threw: ${messageOf(error)}; using the visitor cookie`);
  }
  return undefined;
}

async function buildAttributes<Req>(
  req: IncomingMessage,
  request: Req,
  options: RequestUserOptions<Req>,
  log: SafeLogger,
): Promise<Record<string, string>> {
  const attributes: Record<string, string> = { ...userAgentAttributes(req.headers["user-agent"]) };
  if (typeof options.attributes !== "function") return attributes;
  try {
    const extra: unknown = await options.attributes(request);
    if (extra === undefined || extra === null) return attributes;
    if (typeof extra !== "object" || Array.isArray(extra)) {
      log.warn("attributes(req) must return an object of strings; ignoring its result");
      return attributes;
    }
    for (const [key, value] of Object.entries(extra)) {
      if (typeof value === "string") attributes[key] = value;
      else if (typeof value === "number" || typeof value === "boolean") {
        attributes[key] = String(value);
      } else if (value !== undefined && value !== null) {
        log.warn(`attributes(req): attribute "${key}" is not a string; ignoring it`);
      }
    }
  } catch (error) {
    log.error(`attributes(req) threw: ${messageOf(error)}; using the User-Agent attributes only`);
  }
  return attributes;
}

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const SAME_SITE = ["lax", "strict", "none"];

/** Throws a {@link ConfigurationError} naming the first unusable option. */
export function checkRequestUserOptions(options: unknown): void {
  const fail = (message: string): never => {
    throw new ConfigurationError(`PageSense: ${message}`);
  };
  if (typeof options !== "object" || options === null) fail("options must be an object");
  const o = options as Record<string, unknown>;
  if (
    o.cookieName !== undefined &&
    (typeof o.cookieName !== "string" || !COOKIE_NAME.test(o.cookieName))
  )
    fail(`cookieName ${JSON.stringify(o.cookieName)} is not a valid cookie name`);
  if (o.userId !== undefined && typeof o.userId !== "function")
    fail("userId must be a function (req) => string | undefined");
  if (o.attributes !== undefined && typeof o.attributes !== "function")
    fail("attributes must be a function (req) => Record<string, string>");
  if (o.logger !== undefined && typeof (o.logger as { log?: unknown } | null)?.log !== "function")
    fail("logger must have a log(level, message) method");
  const cookie = o.cookie as Record<string, unknown> | undefined;
  if (cookie === undefined) return;
  if (typeof cookie !== "object" || cookie === null)
    fail("cookie must be an object of cookie options");
  if (
    cookie.maxAge !== undefined &&
    (typeof cookie.maxAge !== "number" || !Number.isFinite(cookie.maxAge) || cookie.maxAge <= 0)
  )
    fail("cookie.maxAge must be a positive number of seconds");
  if (cookie.sameSite !== undefined && !SAME_SITE.includes(cookie.sameSite as string))
    fail('cookie.sameSite must be "lax", "strict" or "none"');
  if (cookie.secure !== undefined && cookie.secure !== "auto" && typeof cookie.secure !== "boolean")
    fail('cookie.secure must be true, false or "auto"');
  if (
    cookie.path !== undefined &&
    (typeof cookie.path !== "string" || !cookie.path.startsWith("/"))
  )
    fail('cookie.path must be a path starting with "/"');
  if (cookie.domain !== undefined && (typeof cookie.domain !== "string" || cookie.domain === ""))
    fail("cookie.domain must be a non-empty string");
}
