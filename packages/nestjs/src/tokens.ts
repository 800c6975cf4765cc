/** Injection token of the raw `WebhookClient` (see `@InjectPageSenseClient()`). */
export const PAGESENSE_CLIENT = "WebhookClient";

/** Injection token of the module's options split by who takes them (internal). */
export const PAGESENSE_MODULE_PARTS = "PageSenseModuleParts";

/** Injection token of the request-user resolver, created once at start-up (internal). */
export const PAGESENSE_REQUEST_USER = "PageSenseRequestUser";

/** Injection token of the webhook route set-up (internal). */
export const PAGESENSE_WEBHOOK_ROUTE = "PageSenseWebhookRoute";

/** Injection token of the webhook handler, or `null` without a webhook (internal). */
export const PAGESENSE_WEBHOOK_HANDLER = "PageSenseWebhookHandler";

/** Injection token of whether the webhook controller is registered (internal). */
export const PAGESENSE_WEBHOOK_REGISTERED = "PageSenseWebhookRegistered";
