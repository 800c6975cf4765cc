import type { IncomingMessage } from "node:http";
import type { PageSenseClient, WebhookResponse } from "@pagesense/core";
import { readWebhookBody, WEBHOOK_BODY_LIMIT } from "./body";

/** One webhook call, as a framework hands it over. */
export interface WebhookExchange {
  /** Node's request: its headers, and its body stream when no body parser ran. */
  req: IncomingMessage;
  /** The body a framework's body parser produced, if any. */
  parsedBody?: unknown;
}

/**
 * Handles a PageSense webhook call: reads the body (at most 64 KB, else 413), then lets
 * `client.handleWebhook` check the `X-OAuth-Token` header against `token` and the payload and
 * refresh the settings. Resolves to the status to answer: 200 (refresh triggered), 401 (bad
 * token), 400 (bad body), 413 (body too large), 503 (refresh failed; PageSense retries).
 * Never rejects.
 */
export async function handleWebhookCall(
  client: Pick<PageSenseClient, "handleWebhook">,
  exchange: WebhookExchange,
  token: string,
): Promise<WebhookResponse> {
  let read: Awaited<ReturnType<typeof readWebhookBody>>;
  try {
    read = await readWebhookBody(exchange.req, exchange.parsedBody, WEBHOOK_BODY_LIMIT);
  } catch {
    read = { ok: true, body: "" };
  }
  if (!read.ok) return { status: read.status, message: read.message };
  return client.handleWebhook({ headers: exchange.req.headers, body: read.body }, { token });
}
