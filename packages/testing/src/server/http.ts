import type { IncomingMessage, ServerResponse } from "node:http";

/** Largest request body accepted (bigger ones get 413). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Reads the whole request body as UTF-8 text, or null when it is larger than {@link MAX_BODY_BYTES}. */
export function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** CORS headers, so a page in a headless browser can call the fake server. */
export const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type, x-sdk-project-version",
  "access-control-expose-headers": "x-current-project-version",
};

/** Sends `body` (a string sent as is, anything else as JSON) with `status` and extra headers. */
export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...CORS_HEADERS,
    ...(text === "" ? {} : { "content-type": "application/json; charset=utf-8" }),
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** A PageSense-style JSON error body. */
export function errorBody(status: number, message: string): Record<string, string> {
  return { status_code: String(status), status_string: message };
}
