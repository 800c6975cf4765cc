import type { IncomingMessage } from "node:http";

/** Largest webhook body read: 64 KB (PageSense's webhook calls are a few hundred bytes). */
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

/** A webhook body: what a body parser produced or the raw text, or why it was refused. */
export type WebhookBody = { ok: true; body: unknown } | { ok: false; status: 413; message: string };

/**
 * The body of a webhook request. Uses `parsed` when a body parser already ran (text and Buffers
 * are size-checked; objects by their declared `Content-Length`), else reads the request stream as
 * text, up to `limit` bytes (default 64 KB). JSON parsing and validation are left to the client's `handleWebhook`, so
 * it checks the token first and names what is wrong with the body.
 */
export async function readWebhookBody(
  req: IncomingMessage,
  parsed: unknown,
  limit = WEBHOOK_BODY_LIMIT,
): Promise<WebhookBody> {
  if (typeof parsed === "string" || parsed instanceof Uint8Array) {
    const size = typeof parsed === "string" ? Buffer.byteLength(parsed) : parsed.byteLength;
    return size > limit ? tooLarge(limit) : { ok: true, body: parsed };
  }
  const declared = Number(req.headers["content-length"]);
  const declaredTooLarge = Number.isFinite(declared) && declared > limit;
  if (parsed !== undefined && parsed !== null) {
    // A parser with a larger limit read it: refused as if it had not been parsed.
    return declaredTooLarge ? tooLarge(limit) : { ok: true, body: parsed };
  }
  if (req.readableEnded || !req.readable) return { ok: true, body: "" };

  if (declaredTooLarge) {
    discardBody(req);
    return tooLarge(limit);
  }
  const text = await readText(req, limit);
  return text === undefined ? tooLarge(limit) : { ok: true, body: text };
}

/**
 * Lets the rest of an unread request body flow away unread (so the answer can be sent and the
 * connection reused); does nothing when a body parser already read it.
 */
export function discardBody(req: IncomingMessage): void {
  if (!req.readableEnded && req.readable) req.resume();
}

function readText(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (value: string | undefined) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > limit) {
        done(undefined);
        req.resume(); // discard the rest
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = () => done(Buffer.concat(chunks).toString("utf8"));
    const onError = () => done("");
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

function tooLarge(limit: number): WebhookBody {
  return {
    ok: false,
    status: 413,
    message: `the webhook body is larger than ${Math.round(limit / 1024)} KB`,
  };
}
