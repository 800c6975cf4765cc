export { readWebhookBody, WEBHOOK_BODY_LIMIT, type WebhookBody } from "./body";
export { appendSetCookie, readCookie, visitorCookie } from "./cookies";
export {
  type CookieOptions,
  DEFAULT_COOKIE_MAX_AGE,
  DEFAULT_COOKIE_NAME,
  type MaybePromise,
  type RequestUserOptions,
} from "./options";
export {
  checkRequestUserOptions,
  createRequestUserResolver,
  type HttpExchange,
  type RequestUser,
  type RequestUserResolver,
} from "./resolveUser";
export { isSecureRequest } from "./secure";
export { userAgentAttributes } from "./userAgent";
export {
  checkWebhookToken,
  createWebhookHandler,
  handleWebhookCall,
  type WebhookExchange,
  type WebhookHandler,
} from "./webhook";
