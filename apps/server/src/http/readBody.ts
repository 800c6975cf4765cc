import type { IncomingMessage } from "node:http";

/** Largest request body accepted (bigger ones get 413). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the request body as UTF-8, or null when it exceeds {@link MAX_BODY_BYTES}. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > limit ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
