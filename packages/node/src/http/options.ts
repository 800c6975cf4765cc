import type { Logger } from "@pagesense/core";

/** Attributes of the cookie that keeps an anonymous visitor's id. */
export interface CookieOptions {
  /** `Domain` attribute (default: none, so the cookie belongs to the request's host). */
  domain?: string;
  /** `Path` attribute (default `"/"`). */
  path?: string;
  /** Lifetime in seconds (`Max-Age`; default one year). */
  maxAge?: number;
  /** `SameSite` attribute (default `"lax"`). `"none"` always sets `Secure`, as browsers require. */
  sameSite?: "lax" | "strict" | "none";
  /**
   * `Secure` attribute: `"auto"` (default) sets it when the request came over HTTPS, directly or
   * through a trusted proxy; `true`/`false` force it.
   */
  secure?: boolean | "auto";
  /** `HttpOnly` attribute (default `true`: page scripts cannot read the id). */
  httpOnly?: boolean;
}

/** A value or a promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * How a request's PageSense user is found. `Req` is the request type the callbacks receive
 * (Express's `Request`, Fastify's request, or Node's `IncomingMessage`).
 */
export interface RequestUserOptions<Req = unknown> {
  /** Name of the cookie holding the anonymous visitor id (default `"pagesense_uid"`). */
  cookieName?: string;
  /**
   * Returns the user id for a request (e.g. the signed-in account's id). When it returns
   * nothing (or throws), the visitor cookie is used, and issued when missing.
   */
  userId?: (req: Req) => MaybePromise<string | null | undefined>;
  /**
   * Extra attributes for the request's user; they override the `Browser`, `OS` and `Device`
   * attributes derived from the User-Agent header.
   */
  attributes?: (req: Req) => MaybePromise<Record<string, string> | null | undefined>;
  /** Attributes of the visitor cookie. */
  cookie?: CookieOptions;
  /**
   * Whether `X-Forwarded-Proto` can be believed (the app runs behind a proxy it trusts). Only used
   * when the framework does not say whether the request is secure (Express and Fastify do, from
   * their own "trust proxy" settings).
   */
  trustProxy?: boolean;
  /** Where the adapter logs problems (default: the console, as `[PageSense] LEVEL message`). */
  logger?: Logger;
}

/** Default name of the visitor cookie. */
export const DEFAULT_COOKIE_NAME = "pagesense_uid";

/** Default lifetime of the visitor cookie: one year, in seconds. */
export const DEFAULT_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;
