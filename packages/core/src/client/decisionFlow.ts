import { isAttributesLike, isEmptyAttributes } from "../audience/attributes";
import { BUCKET_COUNT, PrefixHasher } from "../bucketing/hash";
import { findVariation } from "../bucketing/ranges";
import { visitRecord } from "../events/buildEvents";
import type { GoalRecord } from "../events/types";
import { describe, messageOf } from "../logging/describe";
import type { IndexedExperiment, ProjectIndex } from "../settings/ProjectIndex";
import type { VariationSettings } from "../settings/types";
import type { UserProfile, UserStorage } from "../storage/UserStorage";
import type { ClientParts, UserAttributes } from "./ClientBase";
import type { Decision, DecisionReason } from "./Decision";

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
}

/**
 * The level at which each reason for a null decision is logged. The line names the call and the
 * reason code (see {@link DecisionReason}), plus details for INVALID_INPUT, NOT_READY and
 * OUT_OF_TRAFFIC.
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

const toDecision = ({ variation, bucket, reason }: Outcome): Decision => ({
  variationName: variation ? variation.variation_name : null,
  variationKey: variation ? variation.variation_key : null,
  bucket,
  reason,
});

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> =>
  typeof (value as { then?: unknown } | null | undefined)?.then === "function";

const noop = () => {};

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
 * Steps 2–3 of the decision flow: the experiment exists, runs, is Full Stack, and the audience
 * admits the user. Returns the experiment, or the reason it does not apply.
 */
export function eligibleExperiment(
  index: ProjectIndex,
  experimentName: string,
  attributes: object | undefined,
): IndexedExperiment | DecisionReason {
  const experiment = index.experiments.get(experimentName);
  if (!experiment) return "EXPERIMENT_NOT_FOUND";
  if (!experiment.running) return "EXPERIMENT_NOT_RUNNING";
  if (!experiment.fullStack) return "NOT_FULLSTACK";
  if (experiment.allVisitors) return experiment;
  if (isEmptyAttributes(attributes)) return "NO_ATTRIBUTES";
  const matchers = experiment.audiences;
  for (let i = 0; i < matchers.length; i++) if (matchers[i]!(attributes!)) return experiment;
  return "AUDIENCE_MISMATCH";
}

/**
 * The decision flow of spec section 2 over a client's parts: input checks, eligibility, user
 * storage (sync or async; one user's async storage work is serialised so concurrent decisions
 * never overwrite each other's saves), bucketing, then the operation's event, log line and
 * notification. Synchronous unless an asynchronous user storage is involved.
 */
export function createDecisionFlow(parts: ClientParts, isClosed: () => boolean): DecisionFlow {
  const { store, sink, log, notifier, userStorage, stats } = parts;
  const hasher = new PrefixHasher();
  /** Per user: the asynchronous storage work in progress. */
  const storageQueue = new Map<string, Promise<void>>();

  /** Logs why a decision gave null, at the reason's level. */
  const reject = (
    op: Operation,
    experimentName: string,
    userId: string,
    reason: DecisionReason,
    detail?: string,
  ): void => {
    const level = LEVELS[reason]!;
    if (level !== "debug" || log.enabled("DEBUG"))
      log[level](
        `${who(op, experimentName, userId)}: ${reason}${detail ? ` (${detail})` : ""}; returning null`,
      );
  };

  /** Step 5: hashes the user into a variation, or out of traffic. */
  const bucket = (op: Operation, experiment: IndexedExperiment, userId: string): Outcome => {
    const b = hasher.hash(experiment.hashPrefix, userId) % BUCKET_COUNT;
    const i = b < experiment.trafficLimit ? findVariation(experiment.rangeEnds, b) : -1;
    if (i >= 0)
      return { reason: "BUCKETED", experiment, variation: experiment.variations[i], bucket: b };
    reject(op, experiment.name, userId, "OUT_OF_TRAFFIC", `bucket ${b}`);
    return { reason: "OUT_OF_TRAFFIC", experiment, bucket: b };
  };

  const storageFailed = (what: string, userId: string, error: unknown): void =>
    notifier.report(
      "storage",
      `user storage ${what} for user ${describe(userId)} failed: ${messageOf(error)}`,
      { error },
    );

  /**
   * Steps 4–6: the stored variation when it still exists, else bucketing and saving. `profile`
   * false means the lookup failed: nothing is saved then, so a stored profile is never
   * overwritten by a partial one.
   */
  const afterLookup = (
    op: Operation,
    storage: UserStorage,
    experiment: IndexedExperiment,
    userId: string,
    profile: UserProfile | null | undefined | false,
  ): Outcome | Promise<Outcome> => {
    const stored = profile ? profile.experiments?.[experiment.key] : undefined;
    if (typeof stored === "string") {
      const i = experiment.variationIndexByKey.get(stored);
      if (i !== undefined)
        return { reason: "STORED", experiment, variation: experiment.variations[i], bucket: null };
      log.info(
        `user storage holds variation "${stored}" for "${experiment.name}", which no longer exists; bucketing again`,
      );
    }
    const result = bucket(op, experiment, userId);
    if (!result.variation || profile === false) return result;
    const experiments = {
      ...profile?.experiments,
      [experiment.key]: result.variation.variation_key,
    };
    return settle(
      () => storage.save({ userId, experiments }),
      () => result,
      (error) => {
        storageFailed("save", userId, error);
        return result;
      },
    );
  };

  const withStorage = (
    op: Operation,
    storage: UserStorage,
    experiment: IndexedExperiment,
    userId: string,
  ): Outcome | Promise<Outcome> => {
    const flow = () =>
      settle(
        () => storage.lookup(userId),
        (profile) => afterLookup(op, storage, experiment, userId, profile),
        (error) => {
          storageFailed("lookup", userId, error);
          return afterLookup(op, storage, experiment, userId, false);
        },
      );
    const pending = storageQueue.get(userId);
    const result = pending ? pending.then(flow) : flow();
    if (!isPromise(result)) return result;
    const settled = result.then(noop, noop);
    storageQueue.set(userId, settled);
    settled.then(() => storageQueue.get(userId) === settled && storageQueue.delete(userId));
    return result;
  };

  const evaluate = (
    op: Operation,
    experimentName: string,
    userId: string,
    attributes: UserAttributes | undefined,
  ): Outcome | Promise<Outcome> => {
    stats.decisions++;
    const index = store.index;
    const closed = isClosed();
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
      : !index || closed
        ? "NOT_READY"
        : eligibleExperiment(index, experimentName, attributes ?? undefined);
    if (typeof eligible !== "string")
      return userStorage
        ? withStorage(op, userStorage, eligible, userId)
        : bucket(op, eligible, userId);
    reject(
      op,
      experimentName,
      userId,
      eligible,
      invalid || (closed ? "client closed" : index ? "" : "settings not loaded yet"),
    );
    return { reason: eligible, bucket: null };
  };

  /** The operation's result for an outcome, after queuing its event (activate, trackGoal). */
  const finish = (
    op: Operation,
    outcome: Outcome,
    userId: string,
    attributes: UserAttributes | undefined,
    goalName: string | undefined,
    revenue: number | undefined,
  ): unknown => {
    if (op === "decide") return toDecision(outcome);
    const { experiment, variation } = outcome;
    const name = variation ? variation.variation_name : null;
    if (op === "getVariationName" || !experiment || !variation)
      return op === "trackGoal" ? undefined : name;
    const activate = op === "activateExperiment";
    const { project, goals } = store.index!;
    const experimentName = experiment.name;
    const record = visitRecord(project, experiment, variation, attributes);
    const call = who(op, experimentName, userId);
    if (activate) {
      sink.enqueue({ kind: "visit", userId, record });
      if (log.enabled("DEBUG")) log.debug(`${call}: "${name}"; visit queued`);
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
    const ipl = goal && experiment.goalLinks.get(goal.goal_link_name);
    if (ipl === undefined) return; // settings swapped meanwhile
    const goalRecord: GoalRecord = { ...record, gln: goal!.goal_link_name, ipl };
    if (revenue !== undefined) goalRecord.rv = revenue;
    sink.enqueue({ kind: "goal", userId, record: goalRecord });
    if (log.enabled("DEBUG")) log.debug(`${call}: goal "${goalName}" ("${name}") queued`);
    if (notifier.has("goal")) {
      notifier.emit("goal", {
        experimentName,
        userId,
        goalName: goalName!,
        variationName: name!,
        revenue,
        attributes,
      });
    }
  };

  /** Checks revenue and goal before the flow runs (false, with a log line saying why, stops). */
  const goalOk = (
    experimentName: string,
    goalName: string,
    revenue: number | undefined,
  ): boolean => {
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
    if (problem)
      log[invalid ? "error" : "warn"](
        `trackGoal(${describe(experimentName)}, ${describe(goalName)}): ${problem}; goal not tracked`,
      );
    return !problem;
  };

  /** Logs an unexpected error and gives the operation's fallback result. */
  const unexpected = (op: Operation, error: unknown): unknown => {
    log.error(`${op}: unexpected error: ${messageOf(error)}; returning null`);
    return op === "decide"
      ? toDecision({ reason: "NOT_READY", bucket: null })
      : op === "trackGoal"
        ? undefined
        : null;
  };

  return (op, experimentName, userId, attributes, goalName, revenue) => {
    if (op === "trackGoal" && !goalOk(experimentName, goalName!, revenue)) return Promise.resolve();
    try {
      const o = evaluate(op, experimentName, userId, attributes);
      if (!isPromise(o))
        return Promise.resolve(finish(op, o, userId, attributes, goalName, revenue));
      return o
        .then((x) => finish(op, x, userId, attributes, goalName, revenue))
        .catch((error) => unexpected(op, error));
    } catch (error) {
      return Promise.resolve(unexpected(op, error));
    }
  };
}
