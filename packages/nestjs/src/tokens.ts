/** Injection token of the raw `PageSenseClient` (see `@InjectPageSenseClient()`). */
export const PAGESENSE_CLIENT = "PageSenseClient";

/** Injection token of the webhook route set-up (internal). */
export const PAGESENSE_WEBHOOK_ROUTE = "PageSenseWebhookRoute";
