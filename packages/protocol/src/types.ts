/** One user attribute on the wire (`fsca` entry). */
export interface WireAttribute {
  /** attribute name */
  ln: string;
  /** attribute value */
  v: string;
}

/** A visit record (`fvrd` entry): which variation of which experiment the user saw. */
export interface VisitRecord {
  /** portal name */
  a: string;
  /** experiment_key */
  b: string;
  /** variation_key */
  c: string;
  /** project_key */
  p: string;
  /** environment_key */
  ek: string;
  /** language_key */
  lk: number;
  /** user attributes, for report segments */
  fsca: WireAttribute[];
}

/** A goal record (`fgrd` entry): a visit record plus the goal and an optional revenue. */
export interface GoalRecord extends VisitRecord {
  /** goal_link_name */
  gln: string;
  /** is_primary_goal */
  ipl: boolean;
  /** revenue, when given */
  rv?: number;
}

/** Body of a visit request: one user and its visit records. */
export interface VisitPayload {
  furd: { f: string };
  fvrd: VisitRecord[];
}

/** Body of a goal request: one user and its goal records. */
export interface GoalPayload {
  furd: { f: string };
  fgrd: GoalRecord[];
}

/** The `fpqd` block of a settings request: who asks for which project's settings. */
export interface SettingsQuery {
  /** portal name, when sent */
  a?: string;
  /** account id (with its data centre), when sent */
  ai?: string;
  /** SDK key */
  sk: string;
  /** project name */
  pn: string;
}
