import type { createClient } from "@pagesense/node";
import type { RequestUserOptions } from "@pagesense/node/http";
import { nestLogger } from "./logging/nestLogger";

/** Options of `@pagesense/node`'s `createClient`. */
export type PageSenseClientOptions = Parameters<typeof createClient>[0];

/**
 * The request object a Nest HTTP adapter hands over: Express's `Request` on
 * `@nestjs/platform-express`, Fastify's `FastifyRequest` on `@nestjs/platform-fastify`.
 */
// biome-ignore lint/suspicious/noExplicitAny: the adapter decides the request type; callbacks cast it.
export type PageSenseHttpRequest = any;

/**
 * How the module finds a request's PageSense user: `@pagesense/node`'s request-user options
 * (`cookieName`, `userId(req)`, `attributes(req)`, `cookie`), less `trustProxy` (Express and
 * Fastify say whether a request is secure, from their own "trust proxy" settings) and `logger`
 * (the client's is used).
 */
export type PageSenseUserOptions = Omit<
  RequestUserOptions<PageSenseHttpRequest>,
  "trustProxy" | "logger"
>;

/** The webhook endpoint PageSense calls when an experiment is relaunched. */
export interface PageSenseWebhookOptions {
  /** Route path of the endpoint (POST), e.g. `"pagesense/webhook"`; Nest's global prefix applies. */
  path: string;
  /** The secret entered in PageSense's webhook settings, sent back as `X-OAuth-Token`. */
  token: string;
  /**
   * Keep polling for settings as well (default false: with a webhook, PageSense's behaviour is
   * to stop polling, and refreshes come from the webhook).
   */
  keepPolling?: boolean;
}

/**
 * Options of `PageSenseModule.forRoot()` / the factory of `forRootAsync()`: the client's options,
 * the request-user options ({@link PageSenseUserOptions}) and the `webhook` endpoint.
 */
export interface PageSenseModuleOptions
  extends Omit<PageSenseClientOptions, "webhook">,
    PageSenseUserOptions {
  /** Registers a webhook endpoint (`POST path`) that refreshes settings when PageSense calls it. */
  webhook?: PageSenseWebhookOptions;
}

/** The module's options, split by who takes them (see {@link splitModuleOptions}). */
export interface PageSenseModuleParts {
  /** For `createRequestUserResolver` (the client's logger included). */
  user: RequestUserOptions<PageSenseHttpRequest>;
  /** The webhook endpoint, if any (checked when its route is set up). */
  webhook: PageSenseWebhookOptions | undefined;
  /** For `createClient`: the rest, with `webhook` mode on unless `webhook.keepPolling`. */
  client: PageSenseClientOptions;
}

/**
 * Splits the module's options into the request-user, webhook and client options. Without a
 * `logger`, both log through Nest's `Logger` (context `"PageSense"`).
 */
export function splitModuleOptions(options: PageSenseModuleOptions): PageSenseModuleParts {
  const { webhook, cookieName, userId, attributes, cookie, ...rest } = options;
  const logger = options.logger ?? nestLogger();
  // Every request-user option, and only those (a compile error when @pagesense/node adds one).
  const user = { cookieName, userId, attributes, cookie } satisfies Record<
    keyof PageSenseUserOptions,
    unknown
  >;
  return {
    user: { ...user, logger },
    webhook,
    client: { ...rest, logger, ...(webhook ? { webhook: webhook.keepPolling !== true } : {}) },
  };
}
