import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from "@nestjs/common";
import { ConfigurationError, type WebhookClient } from "@pagesense/core";
import { createClient } from "@pagesense/node";
import { createRequestUserResolver } from "@pagesense/node/http";
import { PageSenseUserPipe } from "./decorators/PageSenseUser";
import { VariationPipe } from "./decorators/Variation";
import { type PageSenseModuleParts, splitModuleOptions } from "./options";
import {
  type PAGESENSE_ASYNC_OPTIONS_TYPE,
  PAGESENSE_MODULE_OPTIONS,
  type PAGESENSE_OPTIONS_TYPE,
  PageSenseConfigurableModule,
} from "./PageSenseModuleDefinition";
import { PageSenseService } from "./PageSenseService";
import {
  PAGESENSE_CLIENT,
  PAGESENSE_MODULE_PARTS,
  PAGESENSE_REQUEST_USER,
  PAGESENSE_WEBHOOK_HANDLER,
  PAGESENSE_WEBHOOK_REGISTERED,
  PAGESENSE_WEBHOOK_ROUTE,
} from "./tokens";
import { configureWebhookRoute, createModuleWebhookHandler } from "./webhook/configureWebhookRoute";
import { PageSenseWebhookController } from "./webhook/PageSenseWebhookController";

/**
 * Options of `PageSenseModule.forRootAsync()`: Nest's async module options (`imports`, `inject`,
 * `useFactory` / `useClass` / `useExisting`, `isGlobal`), plus `webhook: true` when the factory's
 * options configure a webhook: the endpoint's controller is registered before the factory runs.
 */
export type PageSenseModuleAsyncOptions = typeof PAGESENSE_ASYNC_OPTIONS_TYPE & {
  webhook?: boolean;
};

/** `definition` with the webhook controller when `registered`, and that fact as a provider. */
function withWebhookController(definition: DynamicModule, registered: boolean): DynamicModule {
  return {
    ...definition,
    controllers: registered ? [PageSenseWebhookController] : [],
    providers: [
      ...(definition.providers ?? []),
      { provide: PAGESENSE_WEBHOOK_REGISTERED, useValue: registered },
    ],
  };
}

/**
 * PageSense for NestJS. `PageSenseModule.forRoot(options)` (or `forRootAsync({ imports, inject,
 * useFactory })`) creates the client while the application starts (waiting up to `initTimeout`
 * for settings), provides {@link PageSenseService} and the raw client (`@InjectPageSenseClient()`),
 * enables `@PageSenseUser()` and `@Variation()` in controllers, registers the webhook endpoint
 * (controller) only when `webhook: { path, token }` is set (with `forRootAsync`, pass
 * `webhook: true` too), logs through Nest's `Logger` (context "PageSense") unless given a `logger`,
 * and closes the client (delivering queued events) when the application shuts down. Global by
 * default (`isGlobal: false` to import it per module).
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
      useFactory: (parts: PageSenseModuleParts, registered: boolean) =>
        configureWebhookRoute(parts.webhook, registered),
      inject: [PAGESENSE_MODULE_PARTS, PAGESENSE_WEBHOOK_REGISTERED],
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
  exports: [PAGESENSE_CLIENT, PageSenseService, PageSenseUserPipe, VariationPipe],
})
export class PageSenseModule extends PageSenseConfigurableModule implements OnApplicationShutdown {
  constructor(@Inject(PAGESENSE_CLIENT) private readonly client: WebhookClient) {
    super();
  }

  /** The module with these options; the webhook controller only when `options.webhook` is set. */
  static override forRoot(options: typeof PAGESENSE_OPTIONS_TYPE): DynamicModule {
    // biome-ignore lint/complexity/noThisInStatic: Nest's generated method builds the module from `this` (PageSenseModule here, not the base class).
    return withWebhookController(super.forRoot(options), options?.webhook != null);
  }

  /**
   * The module with options from a factory (or class); the webhook controller only with
   * `webhook: true` (then the factory's options must have `webhook: { path, token }`).
   */
  static override forRootAsync(options: PageSenseModuleAsyncOptions): DynamicModule {
    const { webhook, ...rest } = options ?? {};
    if (webhook !== undefined && typeof webhook !== "boolean") {
      throw new ConfigurationError(
        "PageSense: forRootAsync's webhook must be true or false; the factory's options give { path, token }",
      );
    }
    // biome-ignore lint/complexity/noThisInStatic: Nest's generated method builds the module from `this` (PageSenseModule here, not the base class).
    return withWebhookController(super.forRootAsync(rest), webhook === true);
  }

  /** Stops polling and delivers the queued events (bounded by the client's `closeTimeout`). */
  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
