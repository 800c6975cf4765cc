import type { IncomingMessage } from "node:http";
import { ConfigurationError, type WebhookClient, type WebhookResponse } from "@pagesense/core";
import { constantTimeEqual, headerValue } from "@pagesense/core/internal";
import { discardBody, readWebhookBody, WEBHOOK_BODY_LIMIT } from "./body";

/** One webhook call, as a framework hands it over. */
export interface WebhookExchange {
  /** Node's request: its headers, and its body stream when no body parser ran. */
  req: IncomingMessage;
  /** The body a framework's body parser produced, if any. */
  parsedBody?: unknown;
  /**
   * Why a framework's body parser refused the body (e.g. 400 for malformed JSON, 413 for a body
   * over its limit): answered as it is once the token is right.
   */
  bodyRefused?: WebhookResponse;
}

/**
 * Answers one PageSense webhook call with the status to send back (see
 * {@link createWebhookHandler}). Never rejects.
 */
export type WebhookHandler = (exchange: WebhookExchange) => Promise<WebhookResponse>;

/**
 * Checks `client` and `token` once (a {@link ConfigurationError} names what to fix) and returns
 * the handler of PageSense's webhook calls for them: each call is answered as
 * {@link handleWebhookCall} does, with 200 (refresh triggered), 401 (bad `X-OAuth-Token`), 400
 * (bad body), 413 (body over 64 KB) or 503 (refresh failed; PageSense retries).
 */
export function createWebhookHandler(
  client: Pick<WebhookClient, "handleWebhook">,
  token: string,
): WebhookHandler {
  if (typeof client?.handleWebhook !== "function") {
    throw new ConfigurationError(
      "PageSense: the webhook needs the client returned by createClient()",
    );
  }
  checkWebhookToken(token);
  return (exchange) => handleWebhookCall(client, exchange, token);
}

/**
 * Throws a {@link ConfigurationError} unless `token` is a non-empty string (for adapters that
 * check options before their client exists).
 */
export function checkWebhookToken(token: unknown): asserts token is string {
  if (typeof token !== "string" || token === "") {
    throw new ConfigurationError(
      "PageSense: the webhook token must be the secret set in PageSense's webhook settings",
    );
  }
}

/**
 * Handles a PageSense webhook call, in this order:
 * 1. a missing or wrong `X-OAuth-Token` (compared with `token` in constant time): the body is
 *    discarded unread, whatever its size, and `client.handleWebhook` answers 401 (and logs it);
 * 2. a body a parser refused (`bodyRefused`), or one over 64 KB: that answer (400, 413);
 * 3. else `client.handleWebhook` checks the payload and refreshes the settings.
 * Resolves to the status to answer: 200 (refresh triggered), 401 (bad token), 400 (bad body),
 * 413 (body too large), 503 (refresh failed; PageSense retries). Never rejects. Options are not
 * checked: see {@link createWebhookHandler}.
 */
export async function handleWebhookCall(
  client: Pick<WebhookClient, "handleWebhook">,
  exchange: WebhookExchange,
  token: string,
): Promise<WebhookResponse> {
  const { req } = exchange;
  const given = headerValue(req.headers, "x-oauth-token");
  // 1. Wrong token: nothing of the body is read; the client answers 401 and logs why.
  if (given === undefined || !constantTimeEqual(given, token)) {
    discardBody(req);
    return client.handleWebhook({ headers: req.headers, body: undefined }, { token });
  }
  // 2. A body the framework's parser refused.
  if (exchange.bodyRefused !== undefined) return exchange.bodyRefused;
  // 3. The body, size-checked.
  let read: Awaited<ReturnType<typeof readWebhookBody>>;
  try {
    read = await readWebhookBody(req, exchange.parsedBody, WEBHOOK_BODY_LIMIT);
  } catch {
    read = { ok: true, body: "" };
  }
  if (!read.ok) return { status: read.status, message: read.message };
  return client.handleWebhook({ headers: req.headers, body: read.body }, { token });
}
