import { Inject, Module, type OnApplicationShutdown } from "@nestjs/common";
import type { PageSenseClient } from "@pagesense/core";
import { checkRequestUserOptions, createClient } from "@pagesense/node";
import { PageSenseUserPipe } from "./decorators/PageSenseUser";
import { VariationPipe } from "./decorators/Variation";
import type { PageSenseModuleOptions } from "./options";
import { PAGESENSE_MODULE_OPTIONS, PageSenseConfigurableModule } from "./PageSenseModuleDefinition";
import { PageSenseService } from "./PageSenseService";
import { PAGESENSE_CLIENT, PAGESENSE_WEBHOOK_ROUTE } from "./tokens";
import { checkWebhookOptions, configureWebhookRoute } from "./webhook/configureWebhookRoute";
import { PageSenseWebhookController } from "./webhook/PageSenseWebhookController";

/** Creates the module's client from its options (the adapter-only options are left out). */
export function createModuleClient(options: PageSenseModuleOptions): Promise<PageSenseClient> {
  // Reject unusable request or webhook options before a client (with its timers) exists.
  checkRequestUserOptions({
    cookieName: options.cookieName,
    userId: options.userId,
    attributes: options.attributes,
    cookie: options.cookie,
    logger: options.logger,
  });
  checkWebhookOptions(options.webhook);
  const {
    webhook,
    cookieName: _cookieName,
    userId: _userId,
    attributes: _attributes,
    cookie: _cookie,
    ...clientOptions
  } = options;
  return createClient({
    ...clientOptions,
    ...(webhook ? { webhook: webhook.keepPolling !== true } : {}),
  });
}

/**
 * PageSense for NestJS. `PageSenseModule.forRoot(options)` (or `forRootAsync({ imports, inject,
 * useFactory })`) creates the client while the application starts (waiting up to `initTimeout`
 * for settings), provides {@link PageSenseService} and the raw client (`@InjectPageSenseClient()`),
 * enables `@PageSenseUser()` and `@Variation()` in controllers, registers the webhook endpoint
 * when `webhook: { path, token }` is set, and closes the client (delivering queued events) when
 * the application shuts down. Global by default (`isGlobal: false` to import it per module).
 */
@Module({
  providers: [
    {
      provide: PAGESENSE_CLIENT,
      useFactory: createModuleClient,
      inject: [PAGESENSE_MODULE_OPTIONS],
    },
    {
      provide: PAGESENSE_WEBHOOK_ROUTE,
      useFactory: (options: PageSenseModuleOptions) => configureWebhookRoute(options.webhook),
      inject: [PAGESENSE_MODULE_OPTIONS],
    },
    PageSenseService,
    PageSenseUserPipe,
    VariationPipe,
  ],
  controllers: [PageSenseWebhookController],
  exports: [PAGESENSE_CLIENT, PageSenseService, PageSenseUserPipe, VariationPipe],
})
export class PageSenseModule extends PageSenseConfigurableModule implements OnApplicationShutdown {
  constructor(@Inject(PAGESENSE_CLIENT) private readonly client: PageSenseClient) {
    super();
  }

  /** Stops polling and delivers the queued events (bounded by the client's `closeTimeout`). */
  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
