import { isObject } from "../shared/isObject";

/** What a user storage service keeps for one user: experiment_key → variation_key. */
export interface UserProfile {
  userId: string;
  experiments: Record<string, string>;
}

/**
 * Keeps assignments sticky across settings changes (traffic or share edits). Any backing store
 * works (memory, file, Redis, a database); both methods may be synchronous or return promises.
 * Errors are logged and bypassed: the SDK falls back to hashing.
 */
export interface UserStorage {
  lookup(userId: string): UserProfile | null | undefined | Promise<UserProfile | null | undefined>;
  save(profile: UserProfile): void | Promise<void>;
}

/**
 * The experiment_key → variation_key entries of a stored `experiments` value that are strings
 * (what a storage returns is not trusted); undefined when it is not an object.
 */
export function storedExperiments(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, variation] of Object.entries(value))
    if (typeof variation === "string") out[key] = variation;
  return out;
}

/** A user storage held in this process's memory. */
export class MemoryUserStorage implements UserStorage {
  readonly #profiles = new Map<string, UserProfile>();

  lookup(userId: string): UserProfile | undefined {
    return this.#profiles.get(userId);
  }

  save(profile: UserProfile): void {
    this.#profiles.set(profile.userId, {
      userId: profile.userId,
      experiments: { ...profile.experiments },
    });
  }

  /** Number of users stored. */
  get size(): number {
    return this.#profiles.size;
  }
}
