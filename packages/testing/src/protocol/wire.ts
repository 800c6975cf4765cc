/**
 * Wire types as the fake server receives them (spec section 6). Declared here rather than taken
 * from @pagesense/core on purpose: the fake server checks the SDK against the protocol, not against
 * the SDK's own idea of it.
 */

/** One `fsca` entry: a user attribute. */
export interface ReceivedAttribute {
  ln: string;
  v: string;
}

/** A visit record (`fvrd` entry). */
export interface ReceivedVisitRecord {
  a: string;
  b: string;
  c: string;
  p: string;
  ek: string;
  lk: number;
  fsca: ReceivedAttribute[];
}

/** A goal record (`fgrd` entry). */
export interface ReceivedGoalRecord extends ReceivedVisitRecord {
  gln: string;
  ipl: boolean;
  rv?: number;
}

/** A visit body: `{ furd: { f: userId }, fvrd: [...] }`. */
export interface ReceivedVisitPayload {
  furd: { f: string };
  fvrd: ReceivedVisitRecord[];
}

/** A goal body: `{ furd: { f: userId }, fgrd: [...] }`. */
export interface ReceivedGoalPayload {
  furd: { f: string };
  fgrd: ReceivedGoalRecord[];
}

/** The two event endpoints. */
export type EventKind = "visit" | "goal";
