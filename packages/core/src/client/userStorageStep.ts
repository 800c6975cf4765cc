import { describe, messageOf } from "../logging/describe";
import type { SafeLogger } from "../logging/logger";
import type { Notifier } from "../notifications/Notifier";
import type { IndexedExperiment } from "../settings/ProjectIndex";
import type { Stats } from "../stats/Stats";
import { storedExperiments, type UserProfile, type UserStorage } from "../storage/UserStorage";
import type { Outcome } from "./evaluate";
import { isPromise, settle } from "./settle";

const noop = () => {};

/**
 * The user storage step of a decision (README "How decisions are made", step 3): the stored
 * variation when it still exists, else the bucketed one, saved. A failed lookup saves nothing,
 * so a stored assignment is never overwritten by a partial profile. One user's asynchronous
 * storage work is serialised, so concurrent decisions never overwrite each other's saves.
 */
export class UserStorageStep {
  readonly #storage: UserStorage;
  readonly #log: SafeLogger;
  readonly #notifier: Notifier;
  readonly #stats: Stats;
  /**
   * Failures since the last success, by call: only the first of an outage is logged (lookups and
   * saves separately, so a store that reads but cannot write is not logged at every decision).
   */
  readonly #failures = { lookup: 0, save: 0 };
  /** Per user: the asynchronous storage work in progress. */
  readonly #queue = new Map<string, Promise<void>>();

  constructor(storage: UserStorage, log: SafeLogger, notifier: Notifier, stats: Stats) {
    this.#storage = storage;
    this.#log = log;
    this.#notifier = notifier;
    this.#stats = stats;
  }

  /**
   * The outcome for `userId` once storage was consulted: `bucketed` is the outcome of hashing
   * (BUCKETED or OUT_OF_TRAFFIC). Synchronous when the storage is.
   */
  apply(bucketed: Outcome, userId: string): Outcome | Promise<Outcome> {
    const run = () =>
      settle(
        () => this.#storage.lookup(userId),
        (profile) => {
          this.#succeeded("lookup");
          return this.#afterLookup(bucketed, userId, profile);
        },
        (error) => {
          this.#failed("lookup", userId, error);
          return this.#afterLookup(bucketed, userId, false);
        },
      );
    const pending = this.#queue.get(userId);
    const result = pending ? pending.then(run) : run();
    if (!isPromise(result)) return result;
    const settled = result.then(noop, noop);
    this.#queue.set(userId, settled);
    settled.then(() => this.#queue.get(userId) === settled && this.#queue.delete(userId));
    return result;
  }

  /** `profile` false: the lookup failed (nothing is saved then). */
  #afterLookup(
    bucketed: Outcome,
    userId: string,
    profile: UserProfile | null | undefined | false,
  ): Outcome | Promise<Outcome> {
    const experiment = bucketed.experiment as IndexedExperiment;
    const stored = profile ? profile.experiments?.[experiment.key] : undefined;
    const i = typeof stored === "string" ? experiment.variationIndexByKey.get(stored) : undefined;
    if (i !== undefined)
      return { reason: "STORED", experiment, variation: experiment.variations[i], bucket: null };
    if (typeof stored === "string")
      this.#log.info(
        `stored variation ${describe(stored)} of "${experiment.name}" is gone; bucketing again`,
      );
    const key = bucketed.variation?.variation_key;
    if (!key || profile === false) return bucketed;
    // Other experiments' assignments are kept; entries that are not strings are not written back.
    const experiments = { ...storedExperiments(profile?.experiments), [experiment.key]: key };
    return settle(
      () => this.#storage.save({ userId, experiments }),
      () => {
        this.#succeeded("save");
        return bucketed;
      },
      (error) => {
        this.#failed("save", userId, error);
        return bucketed;
      },
    );
  }

  /**
   * Counts a failure in `getStats().storageErrors`; the first of an outage is logged at ERROR and
   * notified, later ones are silent until a call succeeds.
   */
  #failed(what: "lookup" | "save", userId: string, error: unknown): void {
    this.#stats.storageErrors++;
    if (this.#failures[what]++ > 0) return;
    this.#notifier.report(
      "storage",
      `user storage ${what} for user ${describe(userId)} failed: ${messageOf(error)}`,
      { error },
    );
  }

  /** Ends an outage: one INFO line saying how many calls failed. */
  #succeeded(what: "lookup" | "save"): void {
    const failures = this.#failures[what];
    if (failures === 0) return;
    this.#log.info(`user storage recovered after ${failures} failures`);
    this.#failures[what] = 0;
  }
}
