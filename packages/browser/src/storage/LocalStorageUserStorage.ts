import type { UserProfile, UserStorage } from "@pagesense/core";
import { readJson, writeJson } from "./webStorage";

/**
 * A user storage service over `localStorage`: keeps each user's assignments
 * (experiment_key → variation_key) under `<prefix>:profile:<userId>`, so a visitor keeps their
 * variation when the experiment's traffic or shares change. A corrupted entry is discarded (the
 * user is bucketed again); a failed write (storage full) throws, which the client logs before
 * returning the variation.
 */
export class LocalStorageUserStorage implements UserStorage {
  readonly #storage: Storage;
  readonly #prefix: string;

  constructor(storage: Storage, prefix = "pagesense") {
    this.#storage = storage;
    this.#prefix = prefix;
  }

  lookup(userId: string): UserProfile | null {
    const key = `${this.#prefix}:profile:${userId}`;
    const experiments = readJson(this.#storage, key) as Record<string, unknown> | undefined;
    if (experiments === undefined) return null;
    if (
      typeof experiments !== "object" ||
      Array.isArray(experiments) ||
      Object.values(experiments).some((v) => typeof v !== "string")
    ) {
      writeJson(this.#storage, key, undefined);
      return null;
    }
    return { userId, experiments: experiments as Record<string, string> };
  }

  save(profile: UserProfile): void {
    if (
      !writeJson(this.#storage, `${this.#prefix}:profile:${profile.userId}`, profile.experiments)
    ) {
      throw new Error("localStorage refused the write (full?)");
    }
  }
}
