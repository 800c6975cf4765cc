import { isAttributesLike, isEmptyAttributes } from "../audience/attributes";
import type { Matcher } from "../audience/compile";
import { BUCKET_COUNT, PrefixHasher } from "../bucketing/hash";
import { findVariation } from "../bucketing/ranges";
import { visitRecord } from "../events/buildEvents";
import type { GoalRecord } from "../events/types";
import { describe, messageOf } from "../logging/describe";
import type { IndexedExperiment } from "../settings/ProjectIndex";
import type { GoalSettings, VariationSettings } from "../settings/types";
import { storedExperiments, type UserProfile, type UserStorage } from "../storage/UserStorage";
import type { ClientParts, UserAttributes } from "./ClientBase";
import type { Decision, DecisionReason } from "./Decision";
import type { ForcedVariations } from "./ForcedVariations";

/** A decision operation of the client. */
export type Operation = "activateExperiment" | "getVariationName" | "trackGoal" | "decide";

/**
 * Runs one operation through the decision flow and resolves with its result (variation name,
 * Decision, or nothing for trackGoal). Never throws or rejects.
 */
export type DecisionFlow = (
  op: Operation,
  experimentName: string,
  userId: string,
  attributes: UserAttributes | undefined,
  goalName?: string,
  revenue?: number,
  // biome-ignore lint/suspicious/noExplicitAny: each public operation states its result type
) => Promise<any>;

interface Outcome {
  reason: DecisionReason;
  experiment?: IndexedExperiment;
  variation?: VariationSettings;
  bucket: number | null;
  /** Why, for INVALID_INPUT and NOT_READY. */
  detail?: string;
}

/**
 * The level at which each reason for a null decision is logged. The line names the call and the
 * reason code (see {@link DecisionReason}), plus the bucket or what is wrong where that helps.
 */
const LEVELS: Partial<Record<DecisionReason, "error" | "warn" | "info" | "debug">> = {
  INVALID_INPUT: "error",
  NOT_READY: "warn",
  EXPERIMENT_NOT_FOUND: "warn",
  EXPERIMENT_NOT_RUNNING: "info",
  NOT_FULLSTACK: "warn",
  NO_ATTRIBUTES: "info",
  AUDIENCE_MISMATCH: "debug",
  OUT_OF_TRAFFIC: "debug",
};

/** How log lines name a call: `activateExperiment("Pricing", user "u1")`. */
const who = (op: Operation, experimentName: unknown, userId: unknown): string =>
  `${op}(${describe(experimentName)}, user ${describe(userId)})`;

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as { then?: unknown } | null | undefined)?.then === "function";

const noop = () => {};

/** Whether any of the audience matchers admits the attributes (OR over linked audiences). */
function matchesAny(matchers: readonly Matcher[], attributes: object): boolean {
  for (let i = 0; i < matchers.length; i++) if (matchers[i]!(attributes)) return true;
  return false;
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

/**
 * The decision flow of spec section 2 over a client's parts: input checks, eligibility, user
 * storage (sync or async; one user's async storage work is serialised so concurrent decisions
 * never overwrite each other's saves), bucketing, then the operation's result, event, log line
 * and notification. Synchronous unless an asynchronous user storage is involved.
 */
export function createDecisionFlow(
  parts: ClientParts,
  isClosed: () => boolean,
  forced: ForcedVariations,
): DecisionFlow {
  const { store, sink, log, notifier, userStorage, stats } = parts;
  const hasher = new PrefixHasher();
  /** Per user: the asynchronous storage work in progress. */
  const storageQueue = new Map<string, Promise<void>>();

  /** Steps 1–3 and 5 (4 and 6 with a user storage). */
  const evaluate = (
    experimentName: string,
    userId: string,
    attributes: UserAttributes | undefined,
  ): Outcome | Promise<Outcome> => {
    stats.decisions++;
    const index = store.index;
    const closed = isClosed();
    const detail =
      typeof experimentName !== "string" || !experimentName
        ? "experimentName must be a non-empty string"
        : typeof userId !== "string" || !userId
          ? "userId must be a non-empty string"
          : !isAttributesLike(attributes)
            ? `attributes must be an object of strings, got ${describe(attributes)}`
            : "";
    if (detail) return { reason: "INVALID_INPUT", bucket: null, detail };
    if (!index || closed)
      return {
        reason: "NOT_READY",
        bucket: null,
        detail: closed ? "client closed" : "settings not loaded yet",
      };
    const experiment = index.experiments.get(experimentName);
    if (experiment?.running && experiment.fullStack && forced.active) {
      const variation = forced.variationFor(experiment, userId);
      if (variation) return { reason: "FORCED", experiment, variation, bucket: null };
    }
    const reason = !experiment
      ? "EXPERIMENT_NOT_FOUND"
      : !experiment.running
        ? "EXPERIMENT_NOT_RUNNING"
        : !experiment.fullStack
          ? "NOT_FULLSTACK"
          : experiment.allVisitors
            ? ""
            : isEmptyAttributes(attributes ?? undefined)
              ? "NO_ATTRIBUTES"
              : matchesAny(experiment.audiences, attributes!)
                ? ""
                : "AUDIENCE_MISMATCH";
    if (reason) return { reason, bucket: null };
    return userStorage
      ? withStorage(userStorage, experiment!, userId)
      : bucket(experiment!, userId);
  };

  /** Step 5: hashes the user into a variation, or out of traffic. */
  const bucket = (experiment: IndexedExperiment, userId: string): Outcome => {
    const b = hasher.hash(experiment.hashPrefix, userId) % BUCKET_COUNT;
    const i = b < experiment.trafficLimit ? findVariation(experiment.rangeEnds, b) : -1;
    return i < 0
      ? { reason: "OUT_OF_TRAFFIC", experiment, bucket: b }
      : { reason: "BUCKETED", experiment, variation: experiment.variations[i], bucket: b };
  };

  const storageFailed = (what: string, userId: string, error: unknown): void =>
    notifier.report(
      "storage",
      `user storage ${what} for user ${describe(userId)} failed: ${messageOf(error)}`,
      { error },
    );

  const withStorage = (
    storage: UserStorage,
    experiment: IndexedExperiment,
    userId: string,
  ): Outcome | Promise<Outcome> => {
    /**
     * Steps 4–6: the stored variation when it still exists, else bucketing and saving. `profile`
     * false means the lookup failed: nothing is saved then, so a stored profile is never
     * overwritten by a partial one.
     */
    const afterLookup = (profile: UserProfile | null | undefined | false) => {
      const stored = profile ? profile.experiments?.[experiment.key] : undefined;
      const i = experiment.variationIndexByKey.get(stored!);
      if (i !== undefined)
        return { reason: "STORED", experiment, variation: experiment.variations[i], bucket: null };
      if (typeof stored === "string")
        log.info(`stored variation "${stored}" of "${experiment.name}" is gone; bucketing again`);
      const result = bucket(experiment, userId);
      const key = result.variation?.variation_key;
      if (!key || profile === false) return result;
      // Other experiments' assignments are kept; entries that are not strings are not written back.
      const experiments = { ...storedExperiments(profile?.experiments), [experiment.key]: key };
      return settle(
        () => storage.save({ userId, experiments }),
        () => result,
        (error) => {
          storageFailed("save", userId, error);
          return result;
        },
      );
    };
    const flow = () =>
      settle(
        () => storage.lookup(userId),
        afterLookup,
        (error) => {
          storageFailed("lookup", userId, error);
          return afterLookup(false);
        },
      );
    const pending = storageQueue.get(userId);
    const result = pending ? pending.then(flow) : flow();
    if (!isPromise(result)) return result as Outcome;
    const settled = result.then(noop, noop);
    storageQueue.set(userId, settled);
    settled.then(() => storageQueue.get(userId) === settled && storageQueue.delete(userId));
    return result as Promise<Outcome>;
  };

  /**
   * The operation's result for an outcome: logs why there is no variation, or queues the event
   * (activate, trackGoal) with its DEBUG line and notification.
   */
  const finish = (
    op: Operation,
    o: Outcome,
    experimentName: string,
    userId: string,
    attributes: UserAttributes | undefined,
    goal: GoalSettings | undefined,
    revenue: number | undefined,
  ): unknown => {
    const { experiment, variation, reason, bucket, detail } = o;
    const level = LEVELS[reason];
    if (level && (level !== "debug" || log.enabled("DEBUG")))
      log[level](
        `${who(op, experimentName, userId)}: ${reason}${detail ? ` (${detail})` : bucket === null ? "" : ` (bucket ${bucket})`}; returning null`,
      );
    if (op === "decide")
      return {
        variationName: variation ? variation.variation_name : null,
        variationKey: variation ? variation.variation_key : null,
        bucket,
        reason,
      } satisfies Decision;
    const name = variation ? variation.variation_name : null;
    if (op === "getVariationName" || !experiment || !variation)
      return op === "trackGoal" ? undefined : name;
    const record = visitRecord(experiment, variation, attributes);
    const variationName = name!;
    if (op === "activateExperiment") {
      sink.enqueue({ kind: "visit", userId, record });
      if (log.enabled("DEBUG"))
        log.debug(`${who(op, experimentName, userId)}: "${name}"; visit queued`);
      if (notifier.has("activate")) {
        const variationKey = variation.variation_key;
        notifier.emit("activate", {
          experimentName,
          userId,
          variationName,
          variationKey,
          attributes,
        });
      }
      return name;
    }
    // resolveGoal found the goal linked to this experiment, in the same settings as the decision.
    const { goal_name: goalName, goal_link_name: gln } = goal!;
    const goalRecord: GoalRecord = { ...record, gln, ipl: experiment.goalLinks.get(gln)! };
    if (revenue !== undefined) goalRecord.rv = revenue;
    sink.enqueue({ kind: "goal", userId, record: goalRecord });
    if (log.enabled("DEBUG"))
      log.debug(`${who(op, experimentName, userId)}: goal "${goalName}" ("${name}") queued`);
    if (notifier.has("goal"))
      notifier.emit("goal", {
        experimentName,
        userId,
        variationName,
        goalName,
        revenue,
        attributes,
      });
  };

  /**
   * Checks revenue and goal before the flow runs: the goal, linked to the experiment when that
   * exists; undefined when the settings are not loaded (the flow logs it); null, with a log line
   * saying why, stops.
   */
  const resolveGoal = (
    experimentName: string,
    goalName: string,
    revenue: number | undefined,
  ): GoalSettings | undefined | null => {
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
      (!index || isClosed() // the flow logs it
        ? ""
        : !goal
          ? `no goal named ${describe(goalName)} in project "${index.project.project_name}"`
          : experiment && !experiment.goalLinks.has(goal.goal_link_name)
            ? `goal "${goalName}" is not linked to experiment "${experimentName}"`
            : "");
    if (!problem) return goal;
    log[invalid ? "error" : "warn"](
      `trackGoal(${describe(experimentName)}, ${describe(goalName)}): ${problem}; goal not tracked`,
    );
    return null;
  };

  /** Logs an unexpected error and gives the operation's fallback result. */
  const unexpected = (op: Operation, error: unknown): unknown => {
    log.error(`${op}: unexpected error: ${messageOf(error)}; returning null`);
    return op === "decide"
      ? { variationName: null, variationKey: null, bucket: null, reason: "NOT_READY" }
      : op === "trackGoal"
        ? undefined
        : null;
  };

  return (op, experimentName, userId, attributes, goalName, revenue) => {
    const goal = op === "trackGoal" ? resolveGoal(experimentName, goalName!, revenue) : undefined;
    if (goal === null) return Promise.resolve();
    try {
      // Evaluated in the same synchronous step as resolveGoal: both read the same settings.
      const o = evaluate(experimentName, userId, attributes);
      if (!isPromise(o))
        return Promise.resolve(finish(op, o, experimentName, userId, attributes, goal, revenue));
      return o
        .then((x) => finish(op, x, experimentName, userId, attributes, goal, revenue))
        .catch((error) => unexpected(op, error));
    } catch (error) {
      return Promise.resolve(unexpected(op, error));
    }
  };
}
