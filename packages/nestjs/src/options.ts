import type { CookieOptions, createClient, MaybePromise } from "@pagesense/node";

/** Options of `@pagesense/node`'s `createClient`. */
export type PageSenseClientOptions = Parameters<typeof createClient>[0];

/**
 * The request object a Nest HTTP adapter hands over: Express's `Request` on
 * `@nestjs/platform-express`, Fastify's `FastifyRequest` on `@nestjs/platform-fastify`.
 */
// biome-ignore lint/suspicious/noExplicitAny: the adapter decides the request type; callbacks cast it.
export type PageSenseHttpRequest = any;

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

/** Options of `PageSenseModule.forRoot()` / the factory of `forRootAsync()`. */
export interface PageSenseModuleOptions extends Omit<PageSenseClientOptions, "webhook"> {
  /** Registers a webhook endpoint (`POST path`) that refreshes settings when PageSense calls it. */
  webhook?: PageSenseWebhookOptions;
  /** Name of the visitor-id cookie (default `"pagesense_uid"`). */
  cookieName?: string;
  /**
   * The user id for a request (e.g. the signed-in account's id, `req.user?.id`). When it returns
   * nothing, the visitor cookie is used, and issued when missing.
   */
  userId?: (req: PageSenseHttpRequest) => MaybePromise<string | null | undefined>;
  /** Extra attributes for a request's user, merged over `Browser`, `OS` and `Device`. */
  attributes?: (
    req: PageSenseHttpRequest,
  ) => MaybePromise<Record<string, string> | null | undefined>;
  /** Attributes of the visitor cookie (HttpOnly, SameSite=Lax, one year, Path=/ by default). */
  cookie?: CookieOptions;
}
