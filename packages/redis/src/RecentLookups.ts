/**
 * What the last lookups read from Redis, per user, so a save writes only what changed and can
 * tell a first assignment from a replaced one. Bounded: beyond `capacity` users the oldest is
 * forgotten (its save then only adds fields, never replaces one).
 */
export class RecentLookups {
  readonly #capacity: number;
  readonly #seen = new Map<string, Readonly<Record<string, string>>>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Remembers what a lookup of `userId` read. */
  remember(userId: string, experiments: Readonly<Record<string, string>>): void {
    this.#seen.delete(userId);
    this.#seen.set(userId, experiments);
    if (this.#seen.size > this.#capacity) {
      const oldest = this.#seen.keys().next().value;
      if (oldest !== undefined) this.#seen.delete(oldest);
    }
  }

  /** What the last lookup of `userId` read (an empty hash: `{}`), forgetting it; undefined if unknown. */
  take(userId: string): Readonly<Record<string, string>> | undefined {
    const seen = this.#seen.get(userId);
    this.#seen.delete(userId);
    return seen;
  }

  /** Users remembered. */
  get size(): number {
    return this.#seen.size;
  }
}
