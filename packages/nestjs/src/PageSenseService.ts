import type { IncomingMessage } from "node:http";
import { Inject, Injectable } from "@nestjs/common";
import type {
  ClientStats,
  Decision,
  UserAttributes,
  UserContext,
  WebhookClient,
} from "@pagesense/core";
import type { RequestUserResolver } from "@pagesense/node";
import type { PageSenseHttpRequest } from "./options";
import { toHttpExchange } from "./request/exchange";
import { PAGESENSE_CLIENT, PAGESENSE_REQUEST_USER } from "./tokens";

/**
 * The PageSense client's operations, injectable anywhere in the app. None of them throws: bad
 * input or a client that is not ready yet gives `null` (or does nothing) with a log line.
 */
@Injectable()
export class PageSenseService {
  /** Each request's user, resolved once: `@PageSenseUser()` and `@Variation()` share it. */
  private readonly users = new WeakMap<IncomingMessage, Promise<UserContext>>();

  constructor(
    /** The underlying client (also injectable with `@InjectPageSenseClient()`). */
    @Inject(PAGESENSE_CLIENT) readonly client: WebhookClient,
    @Inject(PAGESENSE_REQUEST_USER)
    private readonly resolveUser: RequestUserResolver<PageSenseHttpRequest>,
  ) {}

  /** Variation name for the user (queues a visit event), or `null`. */
  activateExperiment(
    experimentName: string,
    userId: string,
    attributes?: UserAttributes,
  ): Promise<string | null> {
    return this.client.activateExperiment(experimentName, userId, attributes);
  }

  /** Variation name for the user (no event), or `null`. */
  getVariationName(
    experimentName: string,
    userId: string,
    attributes?: UserAttributes,
  ): Promise<string | null> {
    return this.client.getVariationName(experimentName, userId, attributes);
  }

  /** The decision for the user, with the variation key, bucket and a reason code. */
  decide(experimentName: string, userId: string, attributes?: UserAttributes): Promise<Decision> {
    return this.client.decide(experimentName, userId, attributes);
  }

  /** Records a conversion of `goalName` for the user; pass a revenue amount and/or attributes. */
  trackGoal(
    experimentName: string,
    userId: string,
    goalName: string,
    attributes?: UserAttributes,
  ): Promise<void>;
  trackGoal(
    experimentName: string,
    userId: string,
    goalName: string,
    revenue: number,
    attributes?: UserAttributes,
  ): Promise<void>;
  trackGoal(
    experimentName: string,
    userId: string,
    goalName: string,
    revenueOrAttributes?: number | UserAttributes,
    attributes?: UserAttributes,
  ): Promise<void> {
    // The client tells a revenue from attributes itself: pass the arguments through.
    return this.client.trackGoal(
      experimentName,
      userId,
      goalName,
      revenueOrAttributes as number,
      attributes,
    );
  }

  /** The operations bound to one user. */
  forUser(userId: string, attributes?: UserAttributes): UserContext {
    return this.client.forUser(userId, attributes);
  }

  /**
   * The PageSense user of an HTTP request (what `@PageSenseUser()` gives): the module's `userId`
   * callback, else the visitor cookie (set on `response` when new), with User-Agent attributes.
   * Takes the adapter's request/response (Express or Fastify). Resolved once per request: every
   * call for the same request gives the same `UserContext`.
   */
  async forRequest(request: PageSenseHttpRequest, response: unknown): Promise<UserContext> {
    const exchange = toHttpExchange(request, response);
    let user = this.users.get(exchange.req);
    if (user === undefined) {
      // The resolver never rejects, and forUser does not throw.
      user = this.resolveUser(exchange).then((found) =>
        this.client.forUser(found.userId, found.attributes),
      );
      this.users.set(exchange.req, user);
    }
    return user;
  }

  /** Whether settings are loaded, so decisions can be made. */
  isReady(): boolean {
    return this.client.isReady();
  }

  /** Fetches the settings now; resolves to whether they changed. */
  getAndUpdateProjectSettings(): Promise<boolean> {
    return this.client.getAndUpdateProjectSettings();
  }

  /** Delivers the events queued so far. */
  flush(): Promise<void> {
    return this.client.flush();
  }

  /** Counters: decisions, events queued/sent/dropped, settings refreshes, last error. */
  getStats(): ClientStats {
    return this.client.getStats();
  }
}
