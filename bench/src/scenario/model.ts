/**
 * The SDK-neutral scenario: what every SDK under test is configured with. Each adapter in
 * `src/sdks/` translates it into that SDK's own datafile format.
 */

/** A leaf test on one attribute (all comparisons case-sensitive). */
export interface Leaf {
  kind: "leaf";
  attribute: string;
  /** in: equals one of; notIn: equals none of; contains: contains one of; notContains: contains none of. */
  op: "in" | "notIn" | "contains" | "notContains";
  values: string[];
}

/** An AND or OR over child conditions. */
export interface Branch {
  kind: "and" | "or";
  children: Condition[];
}

export type Condition = Leaf | Branch;

/** One variation: its name (what callers get back) and its traffic share (shares sum to 100). */
export interface Variation {
  name: string;
  share: number;
}

/** One A/B experiment. */
export interface Experiment {
  /** Key used for hashing and in every datafile (e.g. "exp07"). */
  key: string;
  /** The name callers pass (PageSense decides by name). */
  name: string;
  /** Percentage of qualifying users that enter the experiment (1..100). */
  traffic: number;
  variations: Variation[];
  /** Audiences, OR-ed: a user qualifies when any of them matches. */
  audiences: Condition[];
  /** Share of the scenario's users that qualify (computed by the reference evaluator). */
  qualifyingShare: number;
}

/** A user: id and a full attribute map (every attribute present, so "missing attribute" rules never differ between SDKs). */
export interface User {
  id: string;
  attributes: Record<string, string>;
}

/** A project of experiments plus the users that hit it. */
export interface Scenario {
  seed: number;
  experiments: Experiment[];
  users: User[];
  /** The goal every experiment links (used by the soak test). */
  goal: string;
}
