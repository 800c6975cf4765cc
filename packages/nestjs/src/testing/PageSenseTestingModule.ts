import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from "@nestjs/common";
import type { PageSenseClient } from "@pagesense/core";
import { createTestClient, TestClient, type TestClientOptions } from "@pagesense/core/testing";
import { createRequestUserResolver } from "@pagesense/node/http";
import { PageSenseUserPipe } from "../decorators/PageSenseUser";
import { VariationPipe } from "../decorators/Variation";
import type { PageSenseUserOptions } from "../options";
import { PageSenseService } from "../PageSenseService";
import { PAGESENSE_CLIENT, PAGESENSE_REQUEST_USER } from "../tokens";

/** Options of {@link PageSenseTestingModule.forRoot}: the test client's, and how requests find their user. */
export interface PageSenseTestingOptions extends TestClientOptions {
  /**
   * How a request's user is found, as in `PageSenseModule.forRoot` (`userId(req)`,
   * `attributes(req)`, `cookieName`, `cookie`). Default: the visitor cookie.
   */
  user?: PageSenseUserOptions;
}

/**
 * `PageSenseModule` for your app's tests: the same providers (`PageSenseService`,
 * `@InjectPageSenseClient()`, `@PageSenseUser()`, `@Variation()`) over a test client from
 * `@pagesense/core/testing`, which decides as `variations` says, sends nothing and records every
 * visit and goal (inject it as `TestClient`). Import it where the app imports `PageSenseModule`,
 * or swap it in with `overrideModule(...).useModule(...)`. Global, like `PageSenseModule`.
 *
 * @example
 * const moduleRef = await Test.createTestingModule({
 *   imports: [PageSenseTestingModule.forRoot({ variations: { PricingTest: "Variation 1" } })],
 *   controllers: [PricingController],
 * }).compile();
 * const client = moduleRef.get(TestClient);
 */
@Module({})
export class PageSenseTestingModule implements OnApplicationShutdown {
  constructor(@Inject(PAGESENSE_CLIENT) private readonly client: PageSenseClient) {}

  static forRoot(options: PageSenseTestingOptions): DynamicModule {
    const { user, ...clientOptions } = options ?? ({} as PageSenseTestingOptions);
    return {
      module: PageSenseTestingModule,
      global: true,
      providers: [
        { provide: PAGESENSE_CLIENT, useFactory: () => createTestClient(clientOptions) },
        { provide: TestClient, useExisting: PAGESENSE_CLIENT },
        {
          provide: PAGESENSE_REQUEST_USER,
          useFactory: () => createRequestUserResolver({ ...user, logger: clientOptions.logger }),
        },
        PageSenseService,
        PageSenseUserPipe,
        VariationPipe,
      ],
      exports: [PAGESENSE_CLIENT, TestClient, PageSenseService, PageSenseUserPipe, VariationPipe],
    };
  }

  /** Closes the test client (later calls record nothing), as the real module does. */
  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
