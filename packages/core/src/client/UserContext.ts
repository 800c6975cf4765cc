import { mergeAttributes, type UserAttributes } from "../audience/attributes";
import type { Decision } from "./Decision";
import { goalArguments, type PageSenseClient } from "./PageSenseClient";

/**
 * The client's operations bound to one user (what adapters hand to request handlers).
 * Attributes given per call merge over the context's own.
 */
export class UserContext {
  readonly #client: PageSenseClient;
  /** The user's id, as bucketed and reported. */
  readonly userId: string;
  /** Attributes sent with every operation of this context. */
  readonly attributes: UserAttributes | undefined;

  constructor(client: PageSenseClient, userId: string, attributes?: UserAttributes) {
    this.#client = client;
    this.userId = userId;
    this.attributes = attributes;
  }

  /** Variation name for this user (queues a visit), or null. */
  activateExperiment(experimentName: string, attributes?: UserAttributes): Promise<string | null> {
    return this.#client.activateExperiment(experimentName, this.userId, this.#merge(attributes));
  }

  /** Variation name for this user (no event), or null. */
  getVariationName(experimentName: string, attributes?: UserAttributes): Promise<string | null> {
    return this.#client.getVariationName(experimentName, this.userId, this.#merge(attributes));
  }

  /** The decision for this user with its reason code. */
  decide(experimentName: string, attributes?: UserAttributes): Promise<Decision> {
    return this.#client.decide(experimentName, this.userId, this.#merge(attributes));
  }

  /** Records a conversion for this user; pass a revenue amount and/or attributes. */
  trackGoal(experimentName: string, goalName: string, attributes?: UserAttributes): Promise<void>;
  trackGoal(
    experimentName: string,
    goalName: string,
    revenue: number,
    attributes?: UserAttributes,
  ): Promise<void>;
  trackGoal(
    experimentName: string,
    goalName: string,
    revenueOrAttributes?: number | UserAttributes,
    maybeAttributes?: UserAttributes,
  ): Promise<void> {
    const [revenue, attributes] = goalArguments(revenueOrAttributes, maybeAttributes);
    return this.#client.trackGoal(
      experimentName,
      this.userId,
      goalName,
      revenue as number,
      this.#merge(attributes),
    );
  }

  /** A context for the same user with more attributes merged in. */
  with(attributes: UserAttributes): UserContext {
    return new UserContext(this.#client, this.userId, this.#merge(attributes));
  }

  /** Per-call attributes over the context's own (never throws; bad ones reach the decision, which refuses them). */
  #merge(extra: UserAttributes | undefined): UserAttributes | undefined {
    return mergeAttributes(this.attributes, extra);
  }
}
