import type { UserProfile, UserStorage } from "@pagesense/core";
import { readJson, removeItem, writeJson } from "./webStorage";

/**
 * A user storage service over `localStorage`: keeps each user's assignments
 * (experiment_key → variation_key) under `<prefix>:profile:<userId>`, so a visitor keeps their
 * variation when the experiment's traffic or shares change. Without usable storage it keeps them
 * in memory for the page's lifetime. A corrupted entry is discarded (the user is bucketed again);
 * a failed write (storage full) throws, which the client logs before returning the variation.
 */
export class LocalStorageUserStorage implements UserStorage {
  private readonly memory = new Map<string, Record<string, string>>();

  constructor(
    private readonly storage: Storage | undefined,
    private readonly prefix = "pagesense",
  ) {}

  lookup(userId: string): UserProfile | null {
    const key = this.key(userId);
    const stored = this.storage ? readJson(this.storage, key) : this.memory.get(key);
    if (stored === undefined) return null;
    if (!isAssignments(stored)) {
      removeItem(this.storage, key);
      return null;
    }
    return { userId, experiments: stored };
  }

  save(profile: UserProfile): void {
    const key = this.key(profile.userId);
    if (!this.storage) this.memory.set(key, { ...profile.experiments });
    else if (!writeJson(this.storage, key, profile.experiments)) {
      throw new Error("localStorage is full or unavailable; the assignment is not saved");
    }
  }

  private key(userId: string): string {
    return `${this.prefix}:profile:${userId}`;
  }
}

function isAssignments(value: unknown): value is Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  for (const v of Object.values(value)) if (typeof v !== "string") return false;
  return true;
}
