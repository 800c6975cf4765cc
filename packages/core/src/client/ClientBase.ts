import { isAttributesLike } from "../audience/attributes";
import { BUCKET_COUNT, PrefixHasher } from "../bucketing/hash";
import { findVariation } from "../bucketing/ranges";
import { visitRecord } from "../events/buildEvents";
import type { EventSink, GoalRecord } from "../events/types";
import { describe, messageOf } from "../logging/describe";
import type { LogSink } from "../logging/logger";
import type { IndexedExperiment } from "../settings/ProjectIndex";
import type { SettingsStore } from "../settings/SettingsStore";
import type { VariationSettings } from "../settings/types";
import type { ClientStats, Stats } from "../stats/Stats";
import type { UserProfile, UserStorage } from "../storage/UserStorage";
import type { SettingsSync } from "../sync/SettingsSync";
import type { Decision, DecisionReason } from "./Decision";
import { eligibleExperiment } from "./evaluate";
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

/**
 * Why a decision gave null, as logged: level and text, by reason (OUT_OF_TRAFFIC adds the bucket;
 * INVALID_INPUT and NOT_READY say more).
 */
const REJECTIONS: Partial<Record<DecisionReason, ["error" | "warn" | "info" | "debug", string]>> = {
  INVALID_INPUT: ["error", ""],
  NOT_READY: ["warn", ""],
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
  declare protected readonly parts: ClientParts;
  declare protected closed: boolean;
  declare private readonly hasher: PrefixHasher;
  /** Per user: the asynchronous storage work in progress (see withStorage). */
  declare private readonly storageQueue: Map<string, Promise<void>>;

  constructor(parts: ClientParts) {
    Object.assign(this, {
      parts,
      closed: false,
      hasher: new PrefixHasher(),
      storageQueue: new Map(),
    });
  }

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
    return this.run("activateExperiment", experimentName, userId, attributes);
  }

  /** Returns the user's variation name (no event), or `null` when the user is not in the experiment. */
  getVariationName(
    experimentName: string,
    userId: string,
    attributes?: UserAttributes,
  ): Promise<string | null> {
    return this.run("getVariationName", experimentName, userId, attributes);
  }

  /** The same evaluation as `getVariationName`, with the variation key, bucket and a reason code. */
  decide(experimentName: string, userId: string, attributes?: UserAttributes): Promise<Decision> {
    return this.run("decide", experimentName, userId, attributes);
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
    return this.goalOk(experimentName, goalName, revenue)
      ? this.run("trackGoal", experimentName, userId, attributes, goalName, revenue)
      : Promise.resolve();
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
    if (!sync)
      log.warn("getAndUpdateProjectSettings: no accountId/sdkKey/projectName to fetch with");
    return !!sync && !this.closed && (await sync.refresh()) === "updated";
  }

  /** Counters: decisions, events queued/sent/dropped/retried, settings refreshes, last error. */
  getStats(): ClientStats {
    const { stats, sink, store } = this.parts;
    const pending = (sink as { pending?: unknown }).pending;
    return {
      ...stats,
      eventsPending: typeof pending === "number" ? pending : 0,
      settingsVersion: store.version,
    };
  }

  /** Resolves when every event queued so far was delivered or counted as dropped. */
  flush(): Promise<void> {
    return this.guard("flush");
  }

  /** Stops background work and delivers queued events; later calls are no-ops. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.parts.sync?.stop();
    await this.guard("close");
  }

  /** Runs the sink's `flush` or `close`, logging instead of rejecting. */
  private async guard(what: "flush" | "close"): Promise<void> {
    try {
      await this.parts.sink[what]();
    } catch (error) {
      this.parts.log.error(`${what} failed: ${messageOf(error)}`);
    }
  }

  /**
   * Runs the decision flow and finishes `op` with its outcome; synchronous unless a user storage
   * is involved. Never throws or rejects: an unexpected error is logged and gives null (a NOT_READY
   * decision; nothing for trackGoal).
   */
  private run(
    op: Operation,
    experimentName: string,
    userId: string,
    attributes: UserAttributes | undefined,
    goalName?: string,
    revenue?: number,
    // biome-ignore lint/suspicious/noExplicitAny: each public operation states its result type
  ): Promise<any> {
    try {
      const o = this.evaluate(op, experimentName, userId, attributes);
      if (!isPromise(o))
        return Promise.resolve(this.finish(op, o, userId, attributes, goalName, revenue));
      return o
        .then((x) => this.finish(op, x, userId, attributes, goalName, revenue))
        .catch((error) => this.unexpected(op, error));
    } catch (error) {
      return Promise.resolve(this.unexpected(op, error));
    }
  }

  /** Logs an unexpected error and gives the operation's fallback result. */
  private unexpected(op: Operation, error: unknown): unknown {
    this.parts.log.error(`${op}: unexpected error: ${messageOf(error)}; returning null`);
    return op === "decide"
      ? toDecision({ reason: "NOT_READY", bucket: null })
      : op === "trackGoal"
        ? undefined
        : null;
  }

  /** The operation's result for an outcome, after queuing its event (activate, trackGoal). */
  private finish(
    op: Operation,
    o: Outcome,
    userId: string,
    attributes: UserAttributes | undefined,
    goalName: string | undefined,
    revenue: number | undefined,
  ): unknown {
    if (op === "decide") return toDecision(o);
    const { experiment, variation } = o;
    const name = variation ? variation.variation_name : null;
    if (op === "getVariationName" || !experiment || !variation)
      return op === "trackGoal" ? undefined : name;
    const { log, notifier, sink, store } = this.parts;
    const { project, goals } = store.index!;
    const record = visitRecord(project, experiment, variation, attributes);
    const experimentName = experiment.name;
    if (op === "activateExperiment") {
      sink.enqueue({ kind: "visit", userId, record });
      if (log.enabled("DEBUG"))
        log.debug(`${who(op, experimentName, userId)}: "${name}"; visit queued`);
      if (notifier.has("activate")) {
        const variationKey = variation.variation_key;
        notifier.emit("activate", {
          experimentName,
          userId,
          variationName: name!,
          variationKey,
          attributes,
        });
      }
      return name;
    }
    const goal = goals.get(goalName!);
    const isPrimary = goal && experiment.goalLinks.get(goal.goal_link_name);
    if (isPrimary === undefined) return; // settings swapped meanwhile
    const goalRecord: GoalRecord = { ...record, gln: goal!.goal_link_name, ipl: isPrimary };
    if (revenue !== undefined) goalRecord.rv = revenue;
    sink.enqueue({ kind: "goal", userId, record: goalRecord });
    if (log.enabled("DEBUG"))
      log.debug(`${who(op, experimentName, userId)}: goal "${goalName}" ("${name}") queued`);
    if (notifier.has("goal"))
      notifier.emit("goal", {
        experimentName,
        userId,
        goalName: goalName!,
        variationName: name!,
        revenue,
        attributes,
      });
  }

  /** Checks revenue and goal before the decision flow; false (with a log line saying why) stops. */
  private goalOk(experimentName: string, goalName: string, revenue: number | undefined): boolean {
    const { log, store } = this.parts;
    const index = store.index;
    const invalid =
      revenue !== undefined && !Number.isFinite(revenue)
        ? `revenue must be a finite number, got ${revenue}`
        : typeof goalName !== "string" || !goalName
          ? "goalName must be a non-empty string"
          : "";
    const goal = index?.goals.get(goalName);
    const experiment = index?.experiments.get(experimentName);
    const problem =
      invalid ||
      (!index || this.closed // the decision flow logs it
        ? ""
        : !goal
          ? `no goal named ${describe(goalName)} in project "${index.project.project_name}"`
          : experiment && !experiment.goalLinks.has(goal.goal_link_name)
            ? `goal "${goalName}" is not linked to experiment "${experimentName}"`
            : "");
    if (problem)
      log[invalid ? "error" : "warn"](
        `trackGoal(${describe(experimentName)}, ${describe(goalName)}): ${problem}; goal not tracked`,
      );
    return !problem;
  }

  /** The decision flow (spec section 2): sync unless an asynchronous user storage is involved. */
  private evaluate(
    op: Operation,
    experimentName: string,
    userId: string,
    attributes: UserAttributes | undefined,
  ): Outcome | Promise<Outcome> {
    const { stats, store, userStorage } = this.parts;
    stats.decisions++;
    const index = store.index;
    const invalid =
      typeof experimentName !== "string" || !experimentName
        ? "experimentName must be a non-empty string"
        : typeof userId !== "string" || !userId
          ? "userId must be a non-empty string"
          : !isAttributesLike(attributes)
            ? `attributes must be an object of strings, got ${describe(attributes)}`
            : "";
    const eligible = invalid
      ? "INVALID_INPUT"
      : !index || this.closed
        ? "NOT_READY"
        : eligibleExperiment(index, experimentName, attributes ?? undefined);
    if (typeof eligible === "string") {
      this.reject(
        op,
        experimentName,
        userId,
        eligible,
        invalid ||
          (this.closed ? "the client is closed" : index ? "" : "settings are not loaded yet"),
      );
      return { reason: eligible, bucket: null };
    }
    return userStorage
      ? this.withStorage(op, userStorage, eligible, userId)
      : this.bucket(op, eligible, userId);
  }

  /** Step 5: hashes the user into a variation, or out of traffic. */
  private bucket(op: Operation, experiment: IndexedExperiment, userId: string): Outcome {
    const bucket = this.hasher.hash(experiment.hashPrefix, userId) % BUCKET_COUNT;
    const i = bucket < experiment.trafficLimit ? findVariation(experiment.rangeEnds, bucket) : -1;
    if (i < 0) this.reject(op, experiment.name, userId, "OUT_OF_TRAFFIC", `bucket ${bucket} is `);
    return i < 0
      ? { reason: "OUT_OF_TRAFFIC", experiment, bucket }
      : { reason: "BUCKETED", experiment, variation: experiment.variations[i], bucket };
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
    const queue = this.storageQueue;
    const pending = queue.get(userId);
    const flow = () =>
      settle(
        () => storage.lookup(userId),
        (profile) => this.afterLookup(op, storage, experiment, userId, profile),
        (error) => {
          this.storageFailed("lookup", userId, error);
          return this.afterLookup(op, storage, experiment, userId, false);
        },
      );
    const result = pending ? pending.then(flow) : flow();
    if (!isPromise(result)) return result;
    const settled = result.then(noop, noop);
    queue.set(userId, settled);
    settled.then(() => queue.get(userId) === settled && queue.delete(userId));
    return result;
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
      if (i !== undefined)
        return { reason: "STORED", experiment, variation: experiment.variations[i], bucket: null };
      this.parts.log.info(
        `user storage holds variation "${storedKey}" for "${experiment.name}", which no longer exists; bucketing again`,
      );
    }
    const result = this.bucket(op, experiment, userId);
    if (!result.variation || profile === false) return result;
    const experiments = {
      ...profile?.experiments,
      [experiment.key]: result.variation.variation_key,
    };
    return settle(
      () => storage.save({ userId, experiments }),
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

  /** Logs why the decision gave null, at the reason's level; `detail` replaces or prefixes the text. */
  private reject(
    op: Operation,
    experimentName: string,
    userId: string,
    reason: DecisionReason,
    detail: string,
  ): void {
    const [level, text] = REJECTIONS[reason]!;
    const { log } = this.parts;
    if (level !== "debug" || log.enabled("DEBUG"))
      log[level](
        `${who(op, experimentName, userId)}: ${text ? detail + text : detail}; returning null`,
      );
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

/**
 * Calls `fn` and hands its result to `ok`, or its error (thrown or rejected) to `ko`:
 * synchronously unless `fn` returned a promise.
 */
function settle<T, R>(
  fn: () => T | Promise<T>,
  ok: (value: T) => R | Promise<R>,
  ko: (error: unknown) => R | Promise<R>,
): R | Promise<R> {
  let value: T | Promise<T>;
  try {
    value = fn();
  } catch (error) {
    return ko(error);
  }
  return isPromise(value) ? value.then(ok, ko) : ok(value);
}
