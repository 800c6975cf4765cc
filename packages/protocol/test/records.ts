import type { GoalRecord, VisitRecord } from "../src";

/** A valid visit record of the spec's example project. */
export function visitRecord(variation = "V0"): VisitRecord {
  return {
    a: "demo",
    b: "EXP1",
    c: variation,
    p: "P1",
    ek: "ENV1",
    lk: 1,
    fsca: [{ ln: "Browser", v: "Chrome" }],
  };
}

/** A valid goal record, with revenue when given. */
export function goalRecord(variation: string, goal: string, revenue?: number): GoalRecord {
  return {
    ...visitRecord(variation),
    gln: goal,
    ipl: goal === "purchase",
    ...(revenue === undefined ? {} : { rv: revenue }),
  };
}
