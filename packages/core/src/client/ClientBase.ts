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
  experiment?: IndexedExperiment;
  variation?: VariationSettings;
  bucket: number | null;
}

const outcome = (reason: DecisionReason): Outcome => ({ reason, bucket: null });
const invalidInput = outcome("INVALID_INPUT");
const notReady = outcome("NOT_READY");

/** Why a decision gave null, as logged: level and text, by reason (OUT_OF_TRAFFIC adds the bucket). */
const REJECTIONS: Partial<Record<DecisionReason, ["warn" | "info" | "debug", string]>> = {
  EXPERIMENT_NOT_FOUND: ["warn", "no experiment with that name in the project"],
  EXPERIMENT_NOT_RUNNING: ["info", "the experiment is not running"],
  NOT_FULLSTACK: ["warn", "the experiment is not a Full Stack A/B test (type 14)"],
  NO_ATTRIBUTES: ["info", "no attributes given and the experiment does not target All Visitors"],
  AUDIENCE_MISMATCH: ["debug", "the user matches none of the experiment's audiences"],
  OUT_OF_TRAFFIC: ["debug", "outside the permitted traffic"],
};

/**
 * The runtime-neutral client for one project: decisions, goals, notifications, stats, settings
 * refresh and shutdown. {@link PageSenseClient} (servers) and the browser client extend it. Every
 * operation resolves (never rejects, never throws): bad input or a failure is logged and gives
 * `null` or does nothing.
 */
export class ClientBase {
  private readonly hasher = new PrefixHasher();
  /** Per user: the asynchronous storage work in progress (see withStorage). */
  private readonly storageQueue = new Map<string, Promise<void>>();
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
    return this.run("activateExperiment", experimentName, userId, attributes, null, (o) =>
      this.activated(o, userId, attributes),
    );
  }

  /** Returns the user's variation name (no event), or `null` when the user is not in the experiment. */
  getVariationName(
    experimentName: string,
    userId: string,
    attributes?: UserAttributes,
  ): Promise<string | null> {
    return this.run(
      "getVariationName",
      experimentName,
      userId,
      attributes,
      null,
      (o) => o.variation?.variation_name ?? null,
    );
  }

  /** The same evaluation as `getVariationName`, with the variation key, bucket and a reason code. */
  decide(experimentName: string, userId: string, attributes?: UserAttributes): Promise<Decision> {
    return this.run("decide", experimentName, userId, attributes, toDecision(notReady), toDecision);
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
    const revenue = typeof revenueOrAttributes === "number" ? revenueOrAttributes : undefined;
    const attributes =
      revenue === undefined
        ? ((revenueOrAttributes as UserAttributes | undefined) ?? maybeAttributes)
        : maybeAttributes;
    if (!this.goalOk(experimentName, goalName, revenue)) return Promise.resolve();
    return this.run("trackGoal", experimentName, userId, attributes, undefined, (o) =>
      this.tracked(o, userId, goalName, revenue, attributes),
    );
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
      log.warn("getAndUpdateProjectSettings: no accountId/sdkKey/projectName, nothing to fetch");
      return false;
    }
    return !this.closed && sync.refresh();
  }

  /** Counters: decisions, events queued/sent/dropped/retried, settings refreshes, last error. */
  getStats(): ClientStats {
    const { stats: s, sink } = this.parts;
    const pending = (sink as { pending?: number }).pending;
    return {
      decisions: s.decisions,
      eventsQueued: s.eventsQueued,
      eventsSent: s.eventsSent,
      eventsDropped: s.eventsDropped,
      eventsRetried: s.eventsRetried,
      requestsSent: s.requestsSent,
      eventsPending: typeof pending === "number" ? pending : 0,
      settingsRefreshes: s.settingsRefreshes,
      settingsFetches: s.settingsFetches,
      settingsVersion: this.parts.store.version,
      lastError: s.lastError,
    };
  }

  /** Resolves when every event queued so far was delivered or counted as dropped. */
  flush(): Promise<void> {
    return this.guard("flush", () => this.parts.sink.flush());
  }

  /** Stops background work and delivers queued events; later calls are no-ops. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.parts.sync?.stop();
    await this.guard("close", () => this.parts.sink.close());
  }

  /** Awaits `task`, logging instead of rejecting. */
  private async guard(what: string, task: () => Promise<void>): Promise<void> {
    try {
      await task();
    } catch (error) {
      this.parts.log.error(`${what} failed: ${messageOf(error)}`);
    }
  }

  /**
   * Runs the decision flow and `then` on its outcome; synchronous unless a user storage is
   * involved. Never throws or rejects: an unexpected error is logged and gives `fallback`.
   */
  private run<T>(
    op: Operation,
    experimentName: string,
    userId: string,
    attributes: UserAttributes | undefined,
    fallback: T,
    then: (outcome: Outcome) => T,
  ): Promise<T> {
    try {
      const o = this.evaluate(op, experimentName, userId, attributes);
      if (!isPromise(o)) return Promise.resolve(then(o));
      return Promise.resolve(o)
        .then(then)
        .catch((error) => this.unexpected(op, error, fallback));
    } catch (error) {
      return Promise.resolve(this.unexpected(op, error, fallback));
    }
  }

  /** Logs an unexpected error (never throws) and gives `fallback`. */
  private unexpected<T>(op: Operation, error: unknown, fallback: T): T {
    try {
      this.parts.log.error(`${op}: unexpected error: ${messageOf(error)}; returning null`);
    } catch {
      // never throw
    }
    return fallback;
  }

  private activated(
    { experiment, variation }: Outcome,
    userId: string,
    attributes: UserAttributes | undefined,
  ): string | null {
    if (!experiment || !variation) return null;
    const { log, notifier, sink, store } = this.parts;
    sink.enqueue(buildVisitEvent(store.index!.project, experiment, variation, userId, attributes));
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

  /** Checks revenue and goal before the decision flow; false (with a log line saying why) stops. */
  private goalOk(experimentName: string, goalName: string, revenue: number | undefined): boolean {
    const { log, store } = this.parts;
    const what = `trackGoal(${describe(experimentName)}, ${describe(goalName)})`;
    if (revenue !== undefined && !Number.isFinite(revenue)) {
      log.error(`${what}: revenue must be a finite number, got ${revenue}; goal not tracked`);
      return false;
    }
    if (typeof goalName !== "string" || goalName === "") {
      log.error(`${what}: goalName must be a non-empty string; goal not tracked`);
      return false;
    }
    const index = store.index;
    if (index === null || this.closed) return true; // the decision flow logs it
    const goal = index.goals.get(goalName);
    const experiment = index.experiments.get(experimentName);
    const problem = !goal
      ? `no goal named ${describe(goalName)} in project "${index.project.project_name}"`
      : experiment && !experiment.goalLinks.has(goal.goal_link_name)
        ? `goal "${goalName}" is not linked to experiment "${experimentName}"`
        : "";
    if (problem) log.warn(`trackGoal: ${problem}; goal not tracked`);
    return !problem;
  }

  private tracked(
    { experiment, variation }: Outcome,
    userId: string,
    goalName: string,
    revenue: number | undefined,
    attributes: UserAttributes | undefined,
  ): void {
    const { log, notifier, sink, store } = this.parts;
    const index = store.index;
    if (!experiment || !variation || !index) return;
    const goal = index.goals.get(goalName);
    const isPrimary = goal ? experiment.goalLinks.get(goal.goal_link_name) : undefined;
    if (!goal || isPrimary === undefined) return; // settings swapped meanwhile
    sink.enqueue(
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
    const { log, stats, store, userStorage } = this.parts;
    stats.decisions++;
    const invalid =
      typeof experimentName !== "string" || experimentName === ""
        ? "experimentName must be a non-empty string"
        : typeof userId !== "string" || userId === ""
          ? "userId must be a non-empty string"
          : !isAttributesLike(attributes)
            ? `attributes must be an object of strings, got ${describe(attributes)}`
            : "";
    if (invalid) {
      log.error(`${who(op, experimentName, userId)}: ${invalid}`);
      return invalidInput;
    }
    const index = store.index;
    if (index === null || this.closed) {
      log.warn(
        `${who(op, experimentName, userId)}: ${this.closed ? "the client is closed" : "settings are not loaded yet"}; returning null`,
      );
      return notReady;
    }
    const eligible = eligibleExperiment(index, experimentName, attributes ?? undefined);
    if (typeof eligible === "string") {
      this.logRejection(op, experimentName, userId, eligible, null);
      return outcome(eligible);
    }
    return userStorage === undefined
      ? this.bucket(op, eligible, userId)
      : this.withStorage(op, userStorage, eligible, userId);
  }

  private bucket(op: Operation, experiment: IndexedExperiment, userId: string): Outcome {
    const { bucket, variationIndex } = bucketUser(this.hasher, experiment, userId);
    if (variationIndex < 0) {
      this.logRejection(op, experiment.name, userId, "OUT_OF_TRAFFIC", bucket);
      return { reason: "OUT_OF_TRAFFIC", experiment, bucket };
    }
    return {
      reason: "BUCKETED",
      experiment,
      variation: experiment.variations[variationIndex],
      bucket,
    };
  }

  /**
   * Steps 4–6 with a user storage. A synchronous storage keeps the decision synchronous. While an
   * asynchronous lookup/save of a user is under way, that user's next decision waits for it, so
   * concurrent decisions never overwrite each other's saved assignments.
   */
  private withStorage(
    op: Operation,
    storage: UserStorage,
    experiment: IndexedExperiment,
    userId: string,
  ): Outcome | Promise<Outcome> {
    const pending = this.storageQueue.get(userId);
    if (pending) {
      return this.queueStorage(
        userId,
        pending.then(() => this.storageFlow(op, storage, experiment, userId)),
      );
    }
    const result = this.storageFlow(op, storage, experiment, userId);
    return isPromise(result) ? this.queueStorage(userId, result) : result;
  }

  /** Registers `work` as the user's storage work in progress until it settles. */
  private queueStorage(userId: string, work: Promise<Outcome>): Promise<Outcome> {
    const settled = work.then(noop, noop);
    this.storageQueue.set(userId, settled);
    settled.then(() => {
      if (this.storageQueue.get(userId) === settled) this.storageQueue.delete(userId);
    });
    return work;
  }

  private storageFlow(
    op: Operation,
    storage: UserStorage,
    experiment: IndexedExperiment,
    userId: string,
  ): Outcome | Promise<Outcome> {
    let looked: ReturnType<UserStorage["lookup"]>;
    try {
      looked = storage.lookup(userId);
    } catch (error) {
      this.storageFailed("lookup", userId, error);
      return this.afterLookup(op, storage, experiment, userId, false);
    }
    if (!isPromise(looked)) return this.afterLookup(op, storage, experiment, userId, looked);
    return looked.then(
      (profile) => this.afterLookup(op, storage, experiment, userId, profile),
      (error) => {
        this.storageFailed("lookup", userId, error);
        return this.afterLookup(op, storage, experiment, userId, false);
      },
    );
  }

  /**
   * Uses the stored variation when it still exists, else buckets and saves. `profile` false means
   * the lookup failed: the assignment is then not saved, so a stored profile is never overwritten
   * by a partial one.
   */
  private afterLookup(
    op: Operation,
    storage: UserStorage,
    experiment: IndexedExperiment,
    userId: string,
    profile: UserProfile | null | undefined | false,
  ): Outcome | Promise<Outcome> {
    const storedKey = profile ? profile.experiments?.[experiment.key] : undefined;
    if (typeof storedKey === "string") {
      const i = experiment.variationIndexByKey.get(storedKey);
      if (i !== undefined) {
        return { reason: "STORED", experiment, variation: experiment.variations[i], bucket: null };
      }
      this.parts.log.info(
        `user storage holds variation "${storedKey}" for "${experiment.name}", which no longer exists; bucketing again`,
      );
    }
    const result = this.bucket(op, experiment, userId);
    if (!result.variation || profile === false) return result;
    let saved: void | Promise<void>;
    try {
      saved = storage.save({
        userId,
        experiments: { ...profile?.experiments, [experiment.key]: result.variation.variation_key },
      });
    } catch (error) {
      this.storageFailed("save", userId, error);
      return result;
    }
    if (!isPromise(saved)) return result;
    return saved.then(
      () => result,
      (error) => {
        this.storageFailed("save", userId, error);
        return result;
      },
    );
  }

  private storageFailed(what: string, userId: string, error: unknown): void {
    const message = messageOf(error);
    this.parts.log.error(`user storage ${what} for user ${describe(userId)} failed: ${message}`);
    this.parts.notifier.emit("error", { source: "storage", message, error });
  }

  private logRejection(
    op: Operation,
    experimentName: string,
    userId: string,
    reason: DecisionReason,
    bucket: number | null,
  ): void {
    const [level, text] = REJECTIONS[reason]!;
    const { log } = this.parts;
    if (level !== "debug" || log.enabled("DEBUG")) {
      log[level](
        `${who(op, experimentName, userId)}: ${bucket === null ? "" : `bucket ${bucket} is `}${text}; returning null`,
      );
    }
  }
}

/** How log lines name a call: `activateExperiment("Pricing", user "u1")`. */
function who(op: Operation, experimentName: unknown, userId: unknown): string {
  return `${op}(${describe(experimentName)}, user ${describe(userId)})`;
}

function toDecision(o: Outcome): Decision {
  return {
    variationName: o.variation?.variation_name ?? null,
    variationKey: o.variation?.variation_key ?? null,
    bucket: o.bucket,
    reason: o.reason,
  };
}

function noop(): void {}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === "function";
}

/** The message of a thrown value (never throws). */
export function messageOf(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "unknown error";
  }
}
