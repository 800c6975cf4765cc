import "reflect-metadata";
import {
  Controller,
  type DynamicModule,
  Get,
  HttpCode,
  type INestApplication,
  Inject,
  Post,
  Query,
  type Type,
} from "@nestjs/common";
import { FastifyAdapter } from "@nestjs/platform-fastify";
import { Test } from "@nestjs/testing";
import type { UserContext, WebhookClient } from "@pagesense/core";
import { RecordingLogger } from "@pagesense/testing";
import {
  InjectPageSenseClient,
  type PageSenseModuleOptions,
  PageSenseService,
  PageSenseUser,
  Variation,
} from "../../src/index";

export const WEBHOOK_TOKEN = "webhook-secret";

/** Client and request options pointing at the fake server. */
export function moduleOptions(
  baseUrl: string,
  overrides: Partial<PageSenseModuleOptions> = {},
): PageSenseModuleOptions {
  return {
    accountId: "demo-US",
    sdkKey: "sdk-demo",
    projectName: "Shop",
    baseUrl,
    flushInterval: 20,
    handleSignals: false,
    logger: new RecordingLogger(),
    attributes: (req) =>
      typeof req.query?.plan === "string" ? { planType: req.query.plan } : undefined,
    ...overrides,
  };
}

/** Routes using every way the module offers to reach PageSense. */
@Controller()
export class ShopController {
  constructor(
    @Inject(PageSenseService) private readonly pagesense: PageSenseService,
    @InjectPageSenseClient() private readonly client: WebhookClient,
  ) {}

  @Get("pricing")
  async pricing(@PageSenseUser() user: UserContext) {
    return {
      userId: user.userId,
      variation: await user.activateExperiment("PricingTest"),
      attributes: user.attributes,
    };
  }

  @Get("variation")
  variation(
    @Variation("PricingTest") variation: string | null,
    @PageSenseUser() user: UserContext,
  ) {
    return { userId: user.userId, variation };
  }

  @Post("buy")
  @HttpCode(200)
  async buy(@PageSenseUser() user: UserContext, @Query("amount") amount: string) {
    await user.trackGoal("PricingTest", "PurchaseCompleted", Number(amount));
    return { userId: user.userId };
  }

  @Get("service")
  async service(@Query("user") userId: string) {
    return {
      variation: await this.pagesense.getVariationName("PricingTest", userId, {
        Browser: "Chrome",
      }),
      ready: this.pagesense.isReady(),
      sameClient: this.client === this.pagesense.client,
    };
  }
}

/** A running Nest application. */
export interface TestApp {
  url: string;
  app: INestApplication;
  /** Closes the application (idempotent). */
  close(): Promise<void>;
}

/** How {@link startNest} builds the app. */
export interface NestSetup {
  /** HTTP platform (default Express). */
  platform?: "express" | "fastify";
  /** Options of the Fastify instance (e.g. `trustProxy`). */
  fastify?: ConstructorParameters<typeof FastifyAdapter>[0];
  /** More modules next to PageSense. */
  imports?: Array<DynamicModule | Type>;
  /** The app's controllers (default: {@link ShopController}). */
  controllers?: Type[];
  /** Runs before `listen` (global prefix, ...). */
  configure?: (app: INestApplication) => void;
}

/** Boots a real Nest app (Express by default, or Fastify) on 127.0.0.1 with `pagesense` imported. */
export async function startNest(pagesense: DynamicModule, setup: NestSetup = {}): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [pagesense, ...(setup.imports ?? [])],
    controllers: setup.controllers ?? [ShopController],
  }).compile();
  const app =
    setup.platform === "fastify"
      ? moduleRef.createNestApplication(new FastifyAdapter(setup.fastify), { logger: false })
      : moduleRef.createNestApplication({ logger: false });
  setup.configure?.(app);
  await app.listen(0, "127.0.0.1");
  const address = app.getHttpServer().address() as { port: number };
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    close: () => {
      closing ??= app.close();
      return closing;
    },
  };
}
