import { Inject, Module, type OnApplicationShutdown } from "@nestjs/common";
import type { WebhookClient } from "@pagesense/core";
import { createClient, createRequestUserResolver } from "@pagesense/node";
import { PageSenseUserPipe } from "./decorators/PageSenseUser";
import { VariationPipe } from "./decorators/Variation";
import { type PageSenseModuleParts, splitModuleOptions } from "./options";
import { PAGESENSE_MODULE_OPTIONS, PageSenseConfigurableModule } from "./PageSenseModuleDefinition";
import { PageSenseService } from "./PageSenseService";
import {
  PAGESENSE_CLIENT,
  PAGESENSE_MODULE_PARTS,
  PAGESENSE_REQUEST_USER,
  PAGESENSE_WEBHOOK_HANDLER,
  PAGESENSE_WEBHOOK_ROUTE,
} from "./tokens";
import { configureWebhookRoute, createModuleWebhookHandler } from "./webhook/configureWebhookRoute";
import { PageSenseWebhookController } from "./webhook/PageSenseWebhookController";

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
      provide: PAGESENSE_MODULE_PARTS,
      useFactory: splitModuleOptions,
      inject: [PAGESENSE_MODULE_OPTIONS],
    },
    {
      // Checks the request-user options once, at start-up.
      provide: PAGESENSE_REQUEST_USER,
      useFactory: (parts: PageSenseModuleParts) => createRequestUserResolver(parts.user),
      inject: [PAGESENSE_MODULE_PARTS],
    },
    {
      provide: PAGESENSE_WEBHOOK_ROUTE,
      useFactory: (parts: PageSenseModuleParts) => configureWebhookRoute(parts.webhook),
      inject: [PAGESENSE_MODULE_PARTS],
    },
    {
      // Injects the resolver and the route so their option checks run before a client (with its
      // timers) exists.
      provide: PAGESENSE_CLIENT,
      useFactory: (parts: PageSenseModuleParts) => createClient(parts.client),
      inject: [PAGESENSE_MODULE_PARTS, PAGESENSE_REQUEST_USER, PAGESENSE_WEBHOOK_ROUTE],
    },
    {
      provide: PAGESENSE_WEBHOOK_HANDLER,
      useFactory: (client: WebhookClient, parts: PageSenseModuleParts) =>
        createModuleWebhookHandler(client, parts.webhook),
      inject: [PAGESENSE_CLIENT, PAGESENSE_MODULE_PARTS],
    },
    PageSenseService,
    PageSenseUserPipe,
    VariationPipe,
  ],
  controllers: [PageSenseWebhookController],
  exports: [PAGESENSE_CLIENT, PageSenseService, PageSenseUserPipe, VariationPipe],
})
export class PageSenseModule extends PageSenseConfigurableModule implements OnApplicationShutdown {
  constructor(@Inject(PAGESENSE_CLIENT) private readonly client: WebhookClient) {
    super();
  }

  /** Stops polling and delivers the queued events (bounded by the client's `closeTimeout`). */
  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
