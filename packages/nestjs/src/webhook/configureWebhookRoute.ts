import { Post, SetMetadata } from "@nestjs/common";
import { METHOD_METADATA, PATH_METADATA } from "@nestjs/common/constants.js";
import { ConfigurationError, type WebhookClient } from "@pagesense/core";
import { checkWebhookToken, handleWebhookCall, type WebhookHandler } from "@pagesense/node";
import type { PageSenseWebhookOptions } from "../options";
import { PageSenseWebhookController } from "./PageSenseWebhookController";

/**
 * Attaches (or removes) the webhook route of {@link PageSenseWebhookController}. Runs as a provider
 * factory, after the module options are resolved (so `forRootAsync` can set the path too) and
 * before Nest registers routes and the client is created. An unusable `webhook` option, path or
 * token throws a ConfigurationError at start-up.
 */
export function configureWebhookRoute(webhook: PageSenseWebhookOptions | undefined): string | null {
  const prototype = PageSenseWebhookController.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(prototype, "handle")!;
  if (webhook === undefined || webhook === null) {
    SetMetadata(PATH_METADATA, undefined)(prototype, "handle", descriptor);
    SetMetadata(METHOD_METADATA, undefined)(prototype, "handle", descriptor);
    return null;
  }
  if (typeof webhook !== "object") {
    throw new ConfigurationError("PageSense: webhook must be an object { path, token }");
  }
  if (typeof webhook.path !== "string" || webhook.path.trim() === "") {
    throw new ConfigurationError(
      'PageSense: webhook.path must be a route path, e.g. "pagesense/webhook"',
    );
  }
  checkWebhookToken(webhook.token);
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
