export type {
  ClientStats,
  Decision,
  PageSenseClient,
  UserAttributes,
  UserContext,
  WebhookClient,
} from "@pagesense/core";
export type { CookieOptions } from "@pagesense/node";
export { InjectPageSenseClient } from "./decorators/InjectPageSenseClient";
export { PageSenseUser, PageSenseUserPipe } from "./decorators/PageSenseUser";
export { Variation, VariationPipe } from "./decorators/Variation";
export type {
  PageSenseClientOptions,
  PageSenseHttpRequest,
  PageSenseModuleOptions,
  PageSenseWebhookOptions,
} from "./options";
export { PageSenseModule, type PageSenseModuleAsyncOptions } from "./PageSenseModule";
export { PAGESENSE_MODULE_OPTIONS } from "./PageSenseModuleDefinition";
export { PageSenseService } from "./PageSenseService";
export {
  PageSenseTestingModule,
  type PageSenseTestingOptions,
} from "./testing/PageSenseTestingModule";
export { PAGESENSE_CLIENT } from "./tokens";
export { PageSenseWebhookController } from "./webhook/PageSenseWebhookController";
