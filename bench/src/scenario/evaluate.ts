import type { Condition, Experiment } from "./model";

/** The reference semantics of a condition tree: what every SDK's translation must agree with. */
export function matches(condition: Condition, attributes: Record<string, string>): boolean {
  switch (condition.kind) {
    case "and":
      return condition.children.every((c) => matches(c, attributes));
    case "or":
      return condition.children.some((c) => matches(c, attributes));
    case "leaf": {
      const value = attributes[condition.attribute];
      if (value === undefined) return condition.op === "notIn" || condition.op === "notContains";
      switch (condition.op) {
        case "in":
          return condition.values.includes(value);
        case "notIn":
          return !condition.values.includes(value);
        case "contains":
          return condition.values.some((v) => value.includes(v));
        case "notContains":
          return !condition.values.some((v) => value.includes(v));
      }
    }
  }
}

/** Whether a user with `attributes` qualifies for the experiment (its audiences are OR-ed). */
export function qualifies(experiment: Experiment, attributes: Record<string, string>): boolean {
  return experiment.audiences.some((a) => matches(a, attributes));
}

/** Expected share of all qualifying users in each variation: traffic × variation share. */
export function expectedShares(experiment: Experiment): Map<string, number> {
  const total = experiment.variations.reduce((s, v) => s + v.share, 0);
  return new Map(
    experiment.variations.map((v) => [v.name, (experiment.traffic / 100) * (v.share / total)]),
  );
}

/** Number of leaf conditions in a tree. */
export function leafCount(condition: Condition): number {
  return condition.kind === "leaf" ? 1 : condition.children.reduce((n, c) => n + leafCount(c), 0);
}
