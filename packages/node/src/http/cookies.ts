import type { IncomingMessage, ServerResponse } from "node:http";
import { parse, serialize } from "cookie";
import { type CookieOptions, DEFAULT_COOKIE_MAX_AGE } from "./options";

/** Longest visitor id accepted from a cookie; longer values are replaced by a new id. */
export const MAX_COOKIE_ID_LENGTH = 200;

/** The value of cookie `name` on `req`, or `undefined` (absent, empty or malformed). */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== "string" || header === "") return undefined;
  let value: string | undefined;
  try {
    value = parse(header)[name];
  } catch {
    return undefined;
  }
  if (typeof value !== "string" || value === "" || value.length > MAX_COOKIE_ID_LENGTH) {
    return undefined;
  }
  return value;
}

/** The `Set-Cookie` header value for the visitor cookie. */
export function visitorCookie(
  name: string,
  value: string,
  options: CookieOptions | undefined,
  secureRequest: boolean,
): string {
  const sameSite = options?.sameSite ?? "lax";
  const secureOption = options?.secure ?? "auto";
  const secure = sameSite === "none" || (secureOption === "auto" ? secureRequest : secureOption);
  return serialize(name, value, {
    path: options?.path ?? "/",
    maxAge: Math.floor(options?.maxAge ?? DEFAULT_COOKIE_MAX_AGE),
    httpOnly: options?.httpOnly ?? true,
    sameSite,
    secure,
    ...(options?.domain ? { domain: options.domain } : {}),
  });
}

/**
 * Adds a `Set-Cookie` header to `res`, keeping the ones already set (by the app or a session
 * middleware). Returns false when the headers were already sent.
 */
export function appendSetCookie(res: ServerResponse, cookie: string): boolean {
  if (res.headersSent) return false;
  const existing = res.getHeader("set-cookie");
  if (existing === undefined) res.setHeader("Set-Cookie", cookie);
  else if (Array.isArray(existing)) res.setHeader("Set-Cookie", [...existing, cookie]);
  else res.setHeader("Set-Cookie", [String(existing), cookie]);
  return true;
}
