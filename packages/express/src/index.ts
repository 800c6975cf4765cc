export type { CookieOptions } from "@pagesense/node";
export { pagesense } from "./middleware";
export type { PageSenseMiddlewareOptions, PageSenseWebhookOptions } from "./types";
export { type PageSenseWebhookHandlers, pagesenseWebhook } from "./webhook";
