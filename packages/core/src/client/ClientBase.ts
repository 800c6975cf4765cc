import { isAttributesLike } from "../audience/attributes";
import { PrefixHasher } from "../bucketing/hash";
import { buildGoalEvent, buildVisitEvent } from "../events/buildEvents";
import type { EventSink } from "../events/types";
import { describe } from "../logging/describe";
import type { LogSink } from "../logging/logger";
import type { IndexedExperiment } from "../settings/ProjectIndex";
import type { SettingsStore } from "../settings/SettingsStore";
import type { VariationSettings } from "../settings/types";
import type { ClientStats, Stats } from "../stats/Stats";
import type { UserProfile, UserStorage } from "../storage/UserStorage";
import type { SettingsSync } from "../sync/SettingsSync";
import type { Decision, DecisionReason } from "./Decision";
import { bucketUser, eligibleExperiment } from "./evaluate";
import type { ClientNotifications, Listener, Notifier } from "./notifications";
import { UserContext } from "./UserContext";

/** User attributes accepted by the operations: a flat string → string map. */
export type UserAttributes = Readonly<Record<string, string>>;

/** The parts a client is assembled from (see `assembleClient`). */
export interface ClientParts {
  store: SettingsStore;
  sink: EventSink;
  log: LogSink;
  notifier: Notifier;
  userStorage: UserStorage | undefined;
  stats: Stats;
  /** Present when settings are fetched from PageSense. */
  sync: SettingsSync | undefined;
}

type Operation = "activateExperiment" | "getVariationName" | "trackGoal" | "decide";

interface Outcome {
  reason: DecisionReason;
  experiment: IndexedExperiment | undefined;
  variation: VariationSettings | undefined;
  bucket: number | null;
}

const resolvedNull: Promise<null> = Promise.resolve(null);
const resolvedVoid: Promise<void> = Promise.resolve();

/**
 * The runtime-neutral client for one project: decisions, goals, notifications, stats, settings
 * refresh and shutdown. {@link PageSenseClient} (servers) and the browser client extend it. Every
 * operation resolves (never rejects, never throws): bad input or a failure is logged and gives
 * `null` or does nothing.
 */
export class ClientBase {
  private readonly hasher = new PrefixHasher();
  protected closed = false;

  constructor(protected readonly parts: ClientParts) {}

  /** Whether settings are loaded, so decisions can be made. */
  isReady(): boolean {
    return !this.closed && this.parts.store.index !== null;
  }

  /**
   * Returns the user's variation name and queues a visit event, or `null` (with a log line saying
   * why) when the user is not in the experiment.
   */
  activateExperiment(
    experimentName: string,
    userId: string,
    attributes?: UserAttributes,
  ): Promise<string | null> {
    try {
      const outcome = this.evaluate("activateExperiment", experimentName, userId, attributes);
      if (outcome instanceof Promise) {
        return outcome.then(
          (o) => this.activated(o, userId, attributes),
          (e) => this.failed("activateExperiment", e),
        );
      }
      return Promise.resolve(this.activated(outcome, userId, attributes));
    } catch (error) {
      return Promise.resolve(this.failed("activateExperiment", error));
    }
  }

  /** Returns the user's variation name (no event), or `null` when the user is not in the experiment. */
  getVariationName(
    experimentName: string,
    userId: string,
    attributes?: UserAttributes,
  ): Promise<string | null> {
    try {
      const outcome = this.evaluate("getVariationName", experimentName, userId, attributes);
      if (outcome instanceof Promise) {
        return outcome.then(
          (o) => o.variation?.variation_name ?? null,
          (e) => this.failed("getVariationName", e),
        );
      }
      return outcome.variation ? Promise.resolve(outcome.variation.variation_name) : resolvedNull;
    } catch (error) {
      return Promise.resolve(this.failed("getVariationName", error));
    }
  }

  /** The same evaluation as `getVariationName`, with the variation key, bucket and a reason code. */
  decide(experimentName: string, userId: string, attributes?: UserAttributes): Promise<Decision> {
    try {
      const outcome = this.evaluate("decide", experimentName, userId, attributes);
      if (outcome instanceof Promise) {
        return outcome.then(toDecision, (e) => {
          this.failed("decide", e);
          return toDecision(notReady);
        });
      }
      return Promise.resolve(toDecision(outcome));
    } catch (error) {
      this.failed("decide", error);
      return Promise.resolve(toDecision(notReady));
    }
  }

  /**
   * Records a conversion of `goalName` for the user, when the goal exists, is linked to the
   * experiment and the user is in it. Pass a revenue amount as the fourth argument, or attributes.
   * Calling it twice records two conversions.
   */
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
    maybeAttributes?: UserAttributes,
  ): Promise<void> {
    try {
      return this.track(experimentName, userId, goalName, revenueOrAttributes, maybeAttributes);
    } catch (error) {
      this.failed("trackGoal", error);
      return resolvedVoid;
    }
  }

  /** A handle bound to one user; per-call attributes merge over `attributes`. */
  forUser(userId: string, attributes?: UserAttributes): UserContext {
    return new UserContext(this, userId, attributes);
  }

  /** Subscribes to `activate`, `goal`, `settings` or `error` notifications; returns an unsubscribe function. */
  on<K extends keyof ClientNotifications>(
    event: K,
    listener: Listener<ClientNotifications[K]>,
  ): () => void {
    return this.parts.notifier.on(event, listener);
  }

  /** The settings document in force (e.g. to bootstrap a browser client without a second fetch). */
  getSettings(): unknown {
    return this.parts.store.document;
  }

  /**
   * Fetches settings now and applies them when they changed; resolves true when new settings were
   * applied. Called by polling and webhooks; never rejects.
   */
  async getAndUpdateProjectSettings(): Promise<boolean> {
    const { sync, log } = this.parts;
    if (!sync) {
      log.warn(
        "getAndUpdateProjectSettings: the client was created without accountId/sdkKey/projectName; nothing to fetch",
      );
      return false;
    }
    if (this.closed) return false;
    return sync.refresh();
  }

  /** Counters: decisions, events queued/sent/dropped/retried, settings refreshes, last error. */
  getStats(): ClientStats {
    const s = this.parts.stats;
    const sink = this.parts.sink as { pending?: number };
    return {
      decisions: s.decisions,
      eventsQueued: s.eventsQueued,
      eventsSent: s.eventsSent,
      eventsDropped: s.eventsDropped,
      eventsRetried: s.eventsRetried,
      requestsSent: s.requestsSent,
      eventsPending: typeof sink.pending === "number" ? sink.pending : 0,
      settingsRefreshes: s.settingsRefreshes,
      settingsFetches: s.settingsFetches,
      settingsVersion: this.parts.store.version,
      lastError: s.lastError,
    };
  }

  /** Resolves when every event queued so far was delivered or counted as dropped. */
  async flush(): Promise<void> {
    try {
      await this.parts.sink.flush();
    } catch (error) {
      this.parts.log.error(`flush failed: ${messageOf(error)}`);
    }
  }

  /** Stops background work and delivers queued events; later calls are no-ops. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.parts.sync?.stop();
    try {
      await this.parts.sink.close();
    } catch (error) {
      this.parts.log.error(`close failed: ${messageOf(error)}`);
    }
  }

  private activated(
    outcome: Outcome,
    userId: string,
    attributes: UserAttributes | undefined,
  ): string | null {
    const { experiment, variation } = outcome;
    if (!experiment || !variation) return null;
    const index = this.parts.store.index!;
    this.parts.sink.enqueue(
      buildVisitEvent(index.project, experiment, variation, userId, attributes),
    );
    const { log, notifier } = this.parts;
    if (log.enabled("DEBUG")) {
      log.debug(
        `activateExperiment: user ${describe(userId)} sees "${variation.variation_name}" of "${experiment.name}"; visit queued`,
      );
    }
    if (notifier.has("activate")) {
      notifier.emit("activate", {
        experimentName: experiment.name,
        userId,
        variationName: variation.variation_name,
        variationKey: variation.variation_key,
        attributes,
      });
    }
    return variation.variation_name;
  }

  private track(
    experimentName: string,
    userId: string,
    goalName: string,
    revenueOrAttributes: number | UserAttributes | undefined,
    maybeAttributes: UserAttributes | undefined,
  ): Promise<void> {
    const { log } = this.parts;
    let revenue: number | undefined;
    let attributes: UserAttributes | undefined;
    if (typeof revenueOrAttributes === "number") {
      if (!Number.isFinite(revenueOrAttributes)) {
        log.error(
          `trackGoal(${describe(experimentName)}, ${describe(goalName)}): revenue must be a finite number, got ${revenueOrAttributes}; goal not tracked`,
        );
        return resolvedVoid;
      }
      revenue = revenueOrAttributes;
      attributes = maybeAttributes;
    } else {
      attributes = revenueOrAttributes ?? maybeAttributes;
    }
    if (typeof goalName !== "string" || goalName === "") {
      log.error(
        `trackGoal(${describe(experimentName)}): goalName must be a non-empty string, got ${describe(goalName)}; goal not tracked`,
      );
      return resolvedVoid;
    }
    const index = this.parts.store.index;
    if (index !== null && !this.closed) {
      const goal = index.goals.get(goalName);
      if (goal === undefined) {
        log.warn(
          `trackGoal: no goal named ${describe(goalName)} in project "${index.project.project_name}"; goal not tracked`,
        );
        return resolvedVoid;
      }
      const experiment = index.experiments.get(experimentName);
      if (experiment !== undefined && !experiment.goalLinks.has(goal.goal_link_name)) {
        log.warn(
          `trackGoal: goal "${goalName}" is not linked to experiment "${experimentName}"; goal not tracked`,
        );
        return resolvedVoid;
      }
    }
    const outcome = this.evaluate("trackGoal", experimentName, userId, attributes);
    const finish = (o: Outcome) => this.tracked(o, userId, goalName, revenue, attributes);
    if (outcome instanceof Promise)
      return outcome.then(finish, (e) => void this.failed("trackGoal", e));
    finish(outcome);
    return resolvedVoid;
  }

  private tracked(
    outcome: Outcome,
    userId: string,
    goalName: string,
    revenue: number | undefined,
    attributes: UserAttributes | undefined,
  ): void {
    const { experiment, variation } = outcome;
    const index = this.parts.store.index;
    if (!experiment || !variation || !index) return;
    const goal = index.goals.get(goalName);
    const isPrimary = goal ? experiment.goalLinks.get(goal.goal_link_name) : undefined;
    if (!goal || isPrimary === undefined) return; // settings swapped meanwhile
    this.parts.sink.enqueue(
      buildGoalEvent(
        index.project,
        experiment,
        variation,
        goal,
        isPrimary,
        userId,
        attributes,
        revenue,
      ),
    );
    const { log, notifier } = this.parts;
    if (log.enabled("DEBUG")) {
      log.debug(
        `trackGoal: "${goalName}" of "${experiment.name}" for user ${describe(userId)} ("${variation.variation_name}") queued`,
      );
    }
    if (notifier.has("goal")) {
      notifier.emit("goal", {
        experimentName: experiment.name,
        userId,
        goalName,
        variationName: variation.variation_name,
        revenue,
        attributes,
      });
    }
  }

  /** The decision flow (spec section 2): sync unless an asynchronous user storage is involved. */
  private evaluate(
    op: Operation,
    experimentName: string,
    userId: string,
    attributes: UserAttributes | undefined,
  ): Outcome | Promise<Outcome> {
    this.parts.stats.decisions++;
    const { log } = this.parts;
    if (typeof experimentName !== "string" || experimentName === "") {
      log.error(
        `${op}: experimentName must be a non-empty string, got ${describe(experimentName)}`,
      );
      return invalidInput;
    }
    if (typeof userId !== "string" || userId === "") {
      log.error(
        `${op}(${describe(experimentName)}): userId must be a non-empty string, got ${describe(userId)}`,
      );
      return invalidInput;
    }
    if (!isAttributesLike(attributes)) {
      log.error(
        `${op}(${describe(experimentName)}, user ${describe(userId)}): attributes must be an object of strings, got ${describe(attributes)}`,
      );
      return invalidInput;
    }
    const attrs = attributes ?? undefined;
    const index = this.parts.store.index;
    if (index === null || this.closed) {
      log.warn(
        `${op}(${describe(experimentName)}, user ${describe(userId)}): ${this.closed ? "the client is closed" : "settings are not loaded yet"}; returning null`,
      );
      return notReady;
    }
    const eligible = eligibleExperiment(index, experimentName, attrs);
    if (typeof eligible === "string") {
      this.logRejection(op, experimentName, userId, eligible, null);
      return rejected(eligible);
    }
    const storage = this.parts.userStorage;
    if (storage === undefined) return this.bucket(op, eligible, userId);
    return this.withStorage(op, storage, eligible, userId);
  }

  private bucket(op: Operation, experiment: IndexedExperiment, userId: string): Outcome {
    const { bucket, variationIndex } = bucketUser(this.hasher, experiment, userId);
    if (variationIndex < 0) {
      this.logRejection(op, experiment.name, userId, "OUT_OF_TRAFFIC", bucket);
      return { reason: "OUT_OF_TRAFFIC", experiment, variation: undefined, bucket };
    }
    return {
      reason: "BUCKETED",
      experiment,
      variation: experiment.variations[variationIndex],
      bucket,
    };
  }

  private async withStorage(
    op: Operation,
    storage: UserStorage,
    experiment: IndexedExperiment,
    userId: string,
  ): Promise<Outcome> {
    const { log } = this.parts;
    let profile: UserProfile | null | undefined;
    try {
      profile = await storage.lookup(userId);
    } catch (error) {
      log.error(
        `user storage lookup for user ${describe(userId)} failed: ${messageOf(error)}; bucketing instead`,
      );
      this.parts.notifier.emit("error", { source: "storage", message: messageOf(error), error });
    }
    const storedKey = profile?.experiments?.[experiment.key];
    if (typeof storedKey === "string") {
      const i = experiment.variationIndexByKey.get(storedKey);
      if (i !== undefined) {
        return { reason: "STORED", experiment, variation: experiment.variations[i], bucket: null };
      }
      log.info(
        `user storage holds variation "${storedKey}" for "${experiment.name}", which no longer exists; bucketing again`,
      );
    }
    const outcome = this.bucket(op, experiment, userId);
    if (outcome.variation) {
      const experiments: Record<string, string> = { ...(profile?.experiments ?? {}) };
      experiments[experiment.key] = outcome.variation.variation_key;
      try {
        await storage.save({ userId, experiments });
      } catch (error) {
        log.error(`user storage save for user ${describe(userId)} failed: ${messageOf(error)}`);
        this.parts.notifier.emit("error", { source: "storage", message: messageOf(error), error });
      }
    }
    return outcome;
  }

  private logRejection(
    op: Operation,
    experimentName: string,
    userId: string,
    reason: DecisionReason,
    bucket: number | null,
  ): void {
    const { log } = this.parts;
    const who = `${op}(${describe(experimentName)}, user ${describe(userId)})`;
    switch (reason) {
      case "EXPERIMENT_NOT_FOUND":
        log.warn(`${who}: no experiment with that name in the project; returning null`);
        break;
      case "EXPERIMENT_NOT_RUNNING":
        log.info(`${who}: the experiment is not running; returning null`);
        break;
      case "NOT_FULLSTACK":
        log.warn(`${who}: the experiment is not a Full Stack A/B test (type 14); returning null`);
        break;
      case "NO_ATTRIBUTES":
        log.info(
          `${who}: no attributes given and the experiment does not target All Visitors; returning null`,
        );
        break;
      default:
        if (log.enabled("DEBUG")) {
          log.debug(
            reason === "OUT_OF_TRAFFIC"
              ? `${who}: bucket ${bucket} is outside the permitted traffic; returning null`
              : `${who}: the user matches none of the experiment's audiences; returning null`,
          );
        }
    }
  }

  private failed(op: string, error: unknown): null {
    try {
      this.parts.log.error(`${op}: unexpected error: ${messageOf(error)}; returning null`);
    } catch {
      // never throw
    }
    return null;
  }
}

const invalidInput: Outcome = Object.freeze({
  reason: "INVALID_INPUT",
  experiment: undefined,
  variation: undefined,
  bucket: null,
});
const notReady: Outcome = Object.freeze({
  reason: "NOT_READY",
  experiment: undefined,
  variation: undefined,
  bucket: null,
});
const rejections = new Map<DecisionReason, Outcome>();
function rejected(reason: DecisionReason): Outcome {
  let o = rejections.get(reason);
  if (!o) {
    o = Object.freeze({ reason, experiment: undefined, variation: undefined, bucket: null });
    rejections.set(reason, o);
  }
  return o;
}

function toDecision(o: Outcome): Decision {
  return {
    variationName: o.variation?.variation_name ?? null,
    variationKey: o.variation?.variation_key ?? null,
    bucket: o.bucket,
    reason: o.reason,
  };
}

/** The message of a thrown value (never throws). */
export function messageOf(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "unknown error";
  }
}
