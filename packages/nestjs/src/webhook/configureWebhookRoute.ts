import { Post, SetMetadata } from "@nestjs/common";
import { METHOD_METADATA, PATH_METADATA } from "@nestjs/common/constants.js";
import { ConfigurationError } from "@pagesense/core";
import type { PageSenseWebhookOptions } from "../options";
import { PageSenseWebhookController } from "./PageSenseWebhookController";

/**
 * Attaches (or removes) the webhook route of {@link PageSenseWebhookController}. Runs as a provider
 * factory, after the module options are resolved (so `forRootAsync` can set the path too) and
 * before Nest registers routes. Invalid options throw a ConfigurationError at start-up.
 */
export function configureWebhookRoute(webhook: PageSenseWebhookOptions | undefined): string | null {
  const prototype = PageSenseWebhookController.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(prototype, "handle")!;
  if (webhook === undefined || webhook === null) {
    SetMetadata(PATH_METADATA, undefined)(prototype, "handle", descriptor);
    SetMetadata(METHOD_METADATA, undefined)(prototype, "handle", descriptor);
    return null;
  }
  checkWebhookOptions(webhook);
  Post(webhook.path)(prototype, "handle", descriptor);
  return webhook.path;
}

/** Throws a ConfigurationError when the `webhook` option is set but unusable. */
export function checkWebhookOptions(webhook: PageSenseWebhookOptions | undefined): void {
  if (webhook === undefined || webhook === null) return;
  if (typeof webhook !== "object") {
    throw new ConfigurationError("PageSense: webhook must be an object { path, token }");
  }
  if (typeof webhook.path !== "string" || webhook.path.trim() === "") {
    throw new ConfigurationError(
      'PageSense: webhook.path must be a route path, e.g. "pagesense/webhook"',
    );
  }
  if (typeof webhook.token !== "string" || webhook.token === "") {
    throw new ConfigurationError(
      "PageSense: webhook.token must be the secret set in PageSense's webhook settings",
    );
  }
}
