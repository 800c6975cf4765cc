import { describe } from "../logging/describe";
import type { SafeLogger } from "../logging/logger";
import type { IndexedExperiment, ProjectIndex } from "../settings/ProjectIndex";
import type { VariationSettings } from "../settings/types";

/** Users with per-user forced variations held at most (see {@link ForcedVariations.set}). */
export const MAX_FORCED_USERS = 10_000;

/** Distinct unknown forced names warned about before the memory of them is cleared. */
const MAX_WARNED = 1_000;

/**
 * Forced variations for QA and tests: the `forcedVariations` option (experiment name → variation
 * name, for every user) and per-user ones set with `setForcedVariation` (they win over the
 * option). A forced variation bypasses audiences, traffic and user storage, but the experiment
 * must still exist, run and be Full Stack. Per-user entries are held for at most
 * {@link MAX_FORCED_USERS} users; clearing a user's last entry frees it.
 */
export class ForcedVariations {
  readonly #option: ReadonlyMap<string, string>;
  /** userId → (experiment name → variation name). */
  readonly #byUser = new Map<string, Map<string, string>>();
  /** Unknown experiment/variation pairs already warned about (one warning each). */
  readonly #warned = new Set<string>();
  readonly #log: SafeLogger;

  constructor(option: Readonly<Record<string, string>> | undefined, log: SafeLogger) {
    this.#option = new Map(Object.entries(option ?? {}));
    this.#log = log;
  }

  /** Whether any variation is forced (lets decisions skip the lookup). */
  get active(): boolean {
    return this.#option.size > 0 || this.#byUser.size > 0;
  }

  /**
   * Forces (or, with `null`, clears) `userId`'s variation of `experimentName`. With settings
   * loaded, an unknown experiment or variation name is refused with a warning. Returns whether the
   * force was set or cleared.
   */
  set(
    experimentName: string,
    userId: string,
    variationName: string | null,
    index: ProjectIndex | null,
  ): boolean {
    const call = `setForcedVariation(${describe(experimentName)}, user ${describe(userId)}, ${describe(variationName)})`;
    // 1. Input: non-empty strings, and a variation name or null.
    if (typeof experimentName !== "string" || !experimentName)
      return this.#refuse(call, "experimentName must be a non-empty string");
    if (typeof userId !== "string" || !userId)
      return this.#refuse(call, "userId must be a non-empty string");
    if (variationName !== null && (typeof variationName !== "string" || !variationName))
      return this.#refuse(call, "variationName must be a non-empty string or null");
    const forUser = this.#byUser.get(userId);
    // 2. null clears (the option's force, if any, applies again).
    if (variationName === null) {
      forUser?.delete(experimentName);
      if (forUser?.size === 0) this.#byUser.delete(userId);
      return true;
    }
    // 3. With settings loaded, the names must exist (checked again at each decision).
    const experiment = index?.experiments.get(experimentName);
    if (index && !experiment) return this.#refuse(call, "no experiment of that name", "warn");
    if (experiment && !variationOf(experiment, variationName))
      return this.#refuse(call, `experiment has no variation of that name`, "warn");
    // 4. Bounded memory: a new user beyond the cap is refused.
    if (!forUser && this.#byUser.size >= MAX_FORCED_USERS)
      return this.#refuse(
        call,
        `forced variations are held for ${MAX_FORCED_USERS} users at most; clear some with setForcedVariation(experiment, user, null)`,
        "warn",
      );
    if (forUser) forUser.set(experimentName, variationName);
    else this.#byUser.set(userId, new Map([[experimentName, variationName]]));
    return true;
  }

  /** The variation name `userId` is forced into for `experimentName` (per user, else the option), or null. */
  get(experimentName: string, userId: string): string | null {
    return (
      this.#byUser.get(userId)?.get(experimentName) ?? this.#option.get(experimentName) ?? null
    );
  }

  /**
   * The forced variation of `experiment` for `userId`, or undefined when none is forced or the
   * forced name is not one of its variations (warned once, then ignored).
   */
  variationFor(experiment: IndexedExperiment, userId: string): VariationSettings | undefined {
    const name = this.get(experiment.name, userId);
    if (name === null) return undefined;
    const variation = variationOf(experiment, name);
    if (!variation) this.#warnOnce(experiment.name, name);
    return variation;
  }

  /** Warns once about each experiment or variation of the option that `index` does not have. */
  checkOption(index: ProjectIndex): void {
    for (const [experimentName, variationName] of this.#option) {
      const experiment = index.experiments.get(experimentName);
      if (!experiment || !variationOf(experiment, variationName))
        this.#warnOnce(experimentName, variationName, !experiment);
    }
  }

  #warnOnce(experimentName: string, variationName: string, noExperiment = false): void {
    const key = `${experimentName}\u0000${variationName}`;
    if (this.#warned.has(key)) return;
    if (this.#warned.size >= MAX_WARNED) this.#warned.clear();
    this.#warned.add(key);
    const what = noExperiment
      ? `there is no experiment ${describe(experimentName)}`
      : `experiment ${describe(experimentName)} has no variation ${describe(variationName)}`;
    this.#log.warn(`forced variation ignored: ${what}`);
  }

  #refuse(call: string, why: string, level: "warn" | "error" = "error"): false {
    this.#log[level](`${call}: ${why}; ignored`);
    return false;
  }
}

/** The variation of `experiment` named `name` (the first, if the name repeats). */
function variationOf(experiment: IndexedExperiment, name: string): VariationSettings | undefined {
  for (const v of experiment.variations) if (v.variation_name === name) return v;
  return undefined;
}
