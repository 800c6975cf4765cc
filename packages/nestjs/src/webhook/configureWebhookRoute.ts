import { Post } from "@nestjs/common";
import { ConfigurationError, type WebhookClient } from "@pagesense/core";
import { checkWebhookToken, handleWebhookCall, type WebhookHandler } from "@pagesense/node/http";
import type { PageSenseWebhookOptions } from "../options";
import { PageSenseWebhookController } from "./PageSenseWebhookController";

/**
 * Attaches the webhook route to {@link PageSenseWebhookController} when the module registered it
 * (`registered`). Runs as a provider factory, after the module options are resolved (so
 * `forRootAsync` can set the path too) and before Nest registers routes and the client is created.
 * An unusable `webhook` option, path or token, or a webhook without its controller (or the
 * reverse), throws a ConfigurationError at start-up.
 */
export function configureWebhookRoute(
  webhook: PageSenseWebhookOptions | undefined,
  registered: boolean,
): string | null {
  const configured = webhook !== undefined && webhook !== null;
  if (configured && !registered) {
    throw new ConfigurationError(
      "PageSense: the options have a webhook, but forRootAsync was called without `webhook: true`; add it so the webhook endpoint is registered",
    );
  }
  if (!configured && registered) {
    throw new ConfigurationError(
      "PageSense: forRootAsync({ webhook: true }) needs `webhook: { path, token }` in the factory's options",
    );
  }
  if (!configured) return null;
  if (typeof webhook !== "object") {
    throw new ConfigurationError("PageSense: webhook must be an object { path, token }");
  }
  if (typeof webhook.path !== "string" || webhook.path.trim() === "") {
    throw new ConfigurationError(
      'PageSense: webhook.path must be a route path, e.g. "pagesense/webhook"',
    );
  }
  checkWebhookToken(webhook.token);
  const prototype = PageSenseWebhookController.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(prototype, "handle")!;
  Post(webhook.path)(prototype, "handle", descriptor);
  return webhook.path;
}

/**
 * The handler of the webhook route for the module's client, or `null` without a webhook (the
 * options were checked by {@link configureWebhookRoute}).
 */
export function createModuleWebhookHandler(
  client: WebhookClient,
  webhook: PageSenseWebhookOptions | undefined,
): WebhookHandler | null {
  if (webhook === undefined || webhook === null) return null;
  const { token } = webhook;
  return (exchange) => handleWebhookCall(client, exchange, token);
}
