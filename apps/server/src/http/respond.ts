import type { ServerResponse } from "node:http";

/** CORS headers: browser SDKs on any origin may fetch settings and post events. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type, x-sdk-project-version",
  "access-control-expose-headers": "x-current-project-version",
  "access-control-max-age": "600",
};

/** Security headers of the HTML pages: no scripts, inline styles only. */
const HTML_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  "x-content-type-options": "nosniff",
};

/** Sends a body (string as is, anything else as JSON) with CORS headers. */
export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...CORS_HEADERS,
    "cache-control": "no-store",
    ...(text === "" ? {} : { "content-type": "application/json; charset=utf-8" }),
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** Sends an HTML page. */
export function sendHtml(res: ServerResponse, status: number, page: string): void {
  send(res, status, page, HTML_HEADERS);
}

/** A PageSense-style status body: `{status_code, status_string}` plus extra fields. */
export function statusBody(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { status_code: String(status), status_string: message, ...extra };
}
