import type { UserAttributes } from "../audience/attributes";
import { PrefixHasher } from "../bucketing/hash";
import type { EventSink } from "../events/types";
import { messageOf } from "../logging/describe";
import type { SafeLogger } from "../logging/logger";
import type { Notifier } from "../notifications/Notifier";
import type { ClientNotifications, Listener } from "../notifications/types";
import type { SettingsStore } from "../settings/SettingsStore";
import type { GoalSettings, SettingsDocument } from "../settings/types";
import type { ClientStats, Stats } from "../stats/Stats";
import type { UserStorage } from "../storage/UserStorage";
import type { SettingsSync } from "../sync/SettingsSync";
import type { Decision } from "./Decision";
import { type EvaluationContext, evaluate, type Outcome } from "./evaluate";
import { ForcedVariations } from "./ForcedVariations";
import { logNoVariation, type Operation } from "./outcomeLog";
import { recordGoal, recordVisit } from "./recordEvents";
import { resolveGoal } from "./resolveGoal";
import { isPromise } from "./settle";
import { UserContext } from "./UserContext";
import { UserStorageStep } from "./userStorageStep";

/** The result `decide()` gives after an unexpected error (logged). */
const UNEXPECTED: Decision = Object.freeze({
  variationName: null,
  variationKey: null,
  bucket: null,
  reason: "NOT_READY",
});

/** trackGoal's optional arguments, `(revenue, attributes?)` or `(attributes?)`, as [revenue, attributes]. */
export function goalArguments(
  revenueOrAttributes: number | UserAttributes | undefined,
  maybeAttributes: UserAttributes | undefined,
): [number | undefined, UserAttributes | undefined] {
  return typeof revenueOrAttributes === "number"
    ? [revenueOrAttributes, maybeAttributes]
    : [undefined, revenueOrAttributes ?? maybeAttributes];
}

/** The parts a client is assembled from (see `assembleClient`). */
export interface ClientParts {
  store: SettingsStore;
  sink: EventSink;
  log: SafeLogger;
  notifier: Notifier;
  userStorage: UserStorage | undefined;
  stats: Stats;
  /** Present when settings are fetched from PageSense. */
  sync: SettingsSync | undefined;
  /** The `forcedVariations` option: experiment name → variation name for every user. */
  forcedVariations?: Readonly<Record<string, string>> | undefined;
}

/**
 * The runtime-neutral client for one project: decisions, goals, notifications, stats, settings
 * refresh and shutdown. {@link WebhookClient} (servers) and the browser client extend it. Every
 * operation resolves (never rejects, never throws): bad input or a failure is logged and gives
 * `null` or does nothing.
 */
export class PageSenseClient {
  /** The parts this client runs on (subclasses add to the operations, not to the parts). */
  protected readonly parts: ClientParts;
  #closed = false;
  #closing: Promise<void> | undefined;
  readonly #forced: ForcedVariations;
  readonly #context: EvaluationContext;
  readonly #storageStep: UserStorageStep | undefined;

  constructor(parts: ClientParts) {
    this.parts = parts;
    const { store, log, notifier, userStorage } = parts;
    const forced = new ForcedVariations(parts.forcedVariations, log);
    this.#forced = forced;
    const client = this;
    this.#context = {
      get index() {
        return store.index;
      },
      get closed() {
        return client.#closed;
      },
      forced,
      hasher: new PrefixHasher(),
    };
    this.#storageStep = userStorage && new UserStorageStep(userStorage, log, notifier, parts.stats);
    if (parts.forcedVariations && Object.keys(parts.forcedVariations).length > 0) {
      const check = () => store.index && forced.checkOption(store.index);
      check();
      notifier.on("settings", check);
    }
  }

  /** Whether `close()` was called. */
  protected get closed(): boolean {
    return this.#closed;
  }

  /** Whether settings are loaded, so decisions can be made. */
  isReady(): boolean {
    return !this.#closed && this.parts.store.index !== null;
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
    return this.#decide("activateExperiment", experimentName, userId, attributes, null, (o) => {
      if (!o.experiment || !o.variation) return null;
      recordVisit(this.parts, o.experiment, o.variation, userId, attributes);
      return o.variation.variation_name;
    });
  }

  /** Returns the user's variation name (no event), or `null` when the user is not in the experiment. */
  getVariationName(
    experimentName: string,
    userId: string,
    attributes?: UserAttributes,
  ): Promise<string | null> {
    return this.#decide("getVariationName", experimentName, userId, attributes, null, (o) =>
      o.variation ? o.variation.variation_name : null,
    );
  }

  /** The same evaluation as `getVariationName`, with the variation key, bucket and a reason code. */
  decide(experimentName: string, userId: string, attributes?: UserAttributes): Promise<Decision> {
    return this.#decide("decide", experimentName, userId, attributes, UNEXPECTED, (o) => ({
      variationName: o.variation ? o.variation.variation_name : null,
      variationKey: o.variation ? o.variation.variation_key : null,
      bucket: o.bucket,
      reason: o.reason,
    }));
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
    const [revenue, attributes] = goalArguments(revenueOrAttributes, maybeAttributes);
    const { log, store } = this.parts;
    let goal: GoalSettings | undefined | null;
    try {
      // Resolved in the same synchronous step as the decision: both read the same settings.
      goal = resolveGoal(log, store.index, this.#closed, experimentName, goalName, revenue);
    } catch (error) {
      return Promise.resolve(this.#unexpected("trackGoal", error, undefined));
    }
    if (goal === null) return Promise.resolve();
    return this.#decide("trackGoal", experimentName, userId, attributes, undefined, (o) => {
      if (goal && o.experiment && o.variation)
        recordGoal(this.parts, o.experiment, o.variation, userId, attributes, goal, revenue);
    });
  }

  /**
   * Forces `userId` into `variationName` of `experimentName` (QA, tests), or clears that force
   * with `null`. A forced decision has reason `FORCED`: audiences, traffic and user storage are
   * bypassed (nothing is stored), the experiment must still run, and `activateExperiment` still
   * queues the visit. Wins over the `forcedVariations` option. Returns false, with a log line,
   * for an unknown experiment or variation (when settings are loaded) or bad arguments. Held for
   * at most 10 000 users; clear entries you no longer need.
   */
  setForcedVariation(
    experimentName: string,
    userId: string,
    variationName: string | null,
  ): boolean {
    try {
      return this.#forced.set(experimentName, userId, variationName, this.parts.store.index);
    } catch (error) {
      this.parts.log.error(`setForcedVariation: unexpected error: ${messageOf(error)}`);
      return false;
    }
  }

  /** The variation name `userId` is forced into for `experimentName` (per user, else the option), or null. */
  getForcedVariation(experimentName: string, userId: string): string | null {
    return this.#forced.get(experimentName, userId);
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

  /**
   * The settings in force as a one-project, validated document (e.g. to bootstrap a browser
   * client without a second fetch); undefined before the first load.
   */
  getSettings(): SettingsDocument | undefined {
    return this.parts.store.document;
  }

  /**
   * Fetches settings now and applies them when they changed; resolves true when new settings were
   * applied. Called by polling and webhooks; never rejects.
   */
  async getAndUpdateProjectSettings(): Promise<boolean> {
    const { sync, log } = this.parts;
    if (!sync) log.warn("getAndUpdateProjectSettings: nothing to fetch (no sdkKey/projectName)");
    return !!sync && !this.#closed && (await sync.refresh()) === "updated";
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
    return this.#guard("flush");
  }

  /**
   * Stops background work and delivers queued events (bounded by `closeTimeout`). Operations after
   * it are no-ops; every call resolves when that one drain is over.
   */
  close(): Promise<void> {
    if (!this.#closing) {
      this.#closed = true;
      this.parts.sync?.stop();
      this.#closing = this.#guard("close");
    }
    return this.#closing;
  }

  /** Runs the sink's `flush` or `close`, logging instead of rejecting. */
  async #guard(what: "flush" | "close"): Promise<void> {
    try {
      await this.parts.sink[what]();
    } catch (error) {
      this.parts.log.error(`${what} failed: ${messageOf(error)}`);
    }
  }

  /**
   * One decision (evaluate, then the user storage step when a storage is configured), its log
   * line when there is no variation, then `finish` (the operation's result and events).
   * Synchronous unless the storage is asynchronous; never throws or rejects: an unexpected
   * error is logged and gives `fallback`.
   */
  #decide<T>(
    op: Operation,
    experimentName: string,
    userId: string,
    attributes: UserAttributes | undefined,
    fallback: T,
    finish: (outcome: Outcome) => T,
  ): Promise<T> {
    const { log, stats } = this.parts;
    const done = (outcome: Outcome): T => {
      logNoVariation(log, op, experimentName, userId, outcome);
      return finish(outcome);
    };
    try {
      stats.decisions++;
      const outcome = evaluate(this.#context, experimentName, userId, attributes);
      const storage = this.#storageStep;
      const eligible = outcome.reason === "BUCKETED" || outcome.reason === "OUT_OF_TRAFFIC";
      const stored = storage && eligible ? storage.apply(outcome, userId) : outcome;
      if (!isPromise(stored)) return Promise.resolve(done(stored));
      return stored.then(done).catch((error) => this.#unexpected(op, error, fallback));
    } catch (error) {
      return Promise.resolve(this.#unexpected(op, error, fallback));
    }
  }

  /** Logs an unexpected error and gives the operation's fallback result. */
  #unexpected<T>(op: Operation, error: unknown, fallback: T): T {
    this.parts.log.error(`${op}: unexpected error: ${messageOf(error)}; returning null`);
    return fallback;
  }
}
