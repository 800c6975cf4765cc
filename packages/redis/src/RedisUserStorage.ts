import type { SettingsDocument, UserProfile, UserStorage } from "@pagesense/core";
import { messageOf } from "@pagesense/core/internal";
import { type Cluster, Redis } from "ioredis";
import { nameAssignments, type StoredAssignment } from "./assignments";
import { checkOptions, type RedisUserStorageOptions } from "./options";
import { RecentLookups } from "./RecentLookups";
import { RedisStorageError } from "./RedisStorageError";
import { runSaveScript } from "./saveScript";
import { withTimeout } from "./withTimeout";

/** Counters of a {@link RedisUserStorage} since it was created. */
export interface RedisStorageStats {
  /** Lookups answered by Redis. */
  lookups: number;
  /** Saves sent to Redis (saves with nothing new send nothing). */
  saves: number;
  /** Assignments written (new, or replacing a removed variation). */
  written: number;
  /**
   * Assignments not written because another instance had written a different one first (the
   * stored one wins; the next decision serves it).
   */
  conflicts: number;
  /** Calls that failed: not connected, timed out, or an error from Redis. */
  failures: number;
}

/** Users whose last lookup is remembered for their next save. */
const RECENT_LOOKUPS = 10_000;

/** Statuses of a connection that has not been ready yet: calls wait for it (up to `timeout`). */
const FIRST_CONNECT = new Set(["wait", "connecting", "connect"]);

/**
 * A {@link UserStorage} in Redis, so assignments stay sticky across every instance of an app:
 * one hash per user (`<keyPrefix><userId>`: experiment_key → variation_key), read with one
 * HGETALL per decision and written with one script call when a user gets a new assignment.
 * Works unchanged on Redis Cluster (each call touches one key).
 *
 * Redis down or slow never breaks a decision: a call that fails or takes longer than `timeout`
 * rejects with a {@link RedisStorageError} (at once while the connection is down), and the SDK
 * falls back to bucketing without saving. A write never replaces an assignment this process did
 * not read, so concurrent instances keep the first assignment written.
 */
export class RedisUserStorage implements UserStorage {
  readonly #client: Redis | Cluster;
  readonly #owned: boolean;
  readonly #prefix: string;
  readonly #ttlMs: string;
  readonly #timeout: number;
  readonly #recent = new RecentLookups(RECENT_LOOKUPS);
  readonly #stats: RedisStorageStats = {
    lookups: 0,
    saves: 0,
    written: 0,
    conflicts: 0,
    failures: 0,
  };
  #wasReady: boolean;
  #lastError = "";

  constructor(options: RedisUserStorageOptions) {
    const { url, client, prefix, ttlMs, timeout } = checkOptions(options);
    this.#prefix = prefix;
    this.#ttlMs = ttlMs;
    this.#timeout = timeout;
    this.#owned = client === undefined;
    this.#client =
      client ??
      new Redis(url, {
        // A call made before the first connection waits for it (bounded by `timeout`); calls
        // made while reconnecting fail at once (see #call). Reconnects forever, backing off to 2 s.
        maxRetriesPerRequest: 0,
        autoResendUnfulfilledCommands: false,
        // A connection silent this long while calls wait (a frozen server, a dead peer) is
        // dropped and reopened: meanwhile calls fail at once instead of each waiting `timeout`.
        socketTimeout: Math.max(1000, 10 * timeout),
        ...options.redisOptions,
      });
    this.#wasReady = this.#client.status === "ready";
    this.#client.on("ready", () => {
      this.#wasReady = true;
      this.#lastError = "";
    });
    // Only on our own connection: an app's client keeps the error handling the app gave it.
    if (this.#owned)
      this.#client.on("error", (error: unknown) => {
        this.#lastError = messageOf(error);
      });
  }

  /** The Redis key holding `userId`'s assignments. */
  keyOf(userId: string): string {
    return this.#prefix + userId;
  }

  /** Reads the user's hash (one HGETALL); undefined when the user has no assignment. */
  async lookup(userId: string): Promise<UserProfile | undefined> {
    const experiments = await this.#call("lookup", () => this.#client.hgetall(this.keyOf(userId)));
    this.#stats.lookups++;
    this.#recent.remember(userId, experiments);
    for (const _ in experiments) return { userId, experiments };
    return undefined;
  }

  /**
   * Writes the profile's assignments that differ from what the last lookup of this user read,
   * in one script call (none when nothing changed). An assignment is added when the user's hash
   * has none for that experiment, or replaces the one the lookup read; one another instance
   * wrote meanwhile is kept (counted in `conflicts`). Sets the TTL again when one is configured.
   */
  async save(profile: UserProfile): Promise<void> {
    const { userId, experiments } = profile;
    const seen = this.#recent.take(userId);
    const args = [this.#ttlMs];
    for (const field in experiments) {
      const value = experiments[field];
      const before = seen?.[field];
      if (typeof value !== "string" || value === before) continue;
      args.push(field, value, before === undefined ? "" : `=${before}`);
    }
    const changes = (args.length - 1) / 3;
    if (changes === 0) return;
    const key = this.keyOf(userId);
    const { written, agreed } = await this.#call("save", () =>
      runSaveScript(this.#client, key, args),
    );
    this.#stats.saves++;
    this.#stats.written += written;
    this.#stats.conflicts += changes - written - agreed;
  }

  /**
   * The assignments stored for `userId`, without deciding or activating anything (support
   * tools, reports). With `settings` (e.g. `client.getSettings()`), each carries the experiment
   * and variation names those settings give, or null where they no longer hold them. Rejects
   * with a {@link RedisStorageError} when Redis fails or is slower than `timeout`.
   */
  async getAssignments(userId: string, settings?: SettingsDocument): Promise<StoredAssignment[]> {
    const experiments = await this.#call("read", () => this.#client.hgetall(this.keyOf(userId)));
    return nameAssignments(experiments, settings);
  }

  /** A copy of the counters. */
  get stats(): RedisStorageStats {
    return { ...this.#stats };
  }

  /** Whether the connection is ready now. */
  get connected(): boolean {
    return this.#client.status === "ready";
  }

  /**
   * Closes the connection this storage opened from `url` (a client passed in stays open: the
   * app owns it). Call it after the PageSense client's `close()`.
   */
  async close(): Promise<void> {
    if (!this.#owned) return;
    const client = this.#client;
    if (client.status === "end") return;
    if (client.status !== "ready") return client.disconnect();
    await withTimeout(client.quit(), this.#timeout, "quit").catch(() => client.disconnect());
  }

  /** Runs one Redis call within `timeout`, or fails at once while the connection is down. */
  #call<T>(what: string, run: () => Promise<T>): Promise<T> {
    const status = this.#client.status;
    if (status !== "ready" && (this.#wasReady || !FIRST_CONNECT.has(status))) {
      this.#stats.failures++;
      const why = this.#lastError ? `: ${this.#lastError}` : "";
      return Promise.reject(
        new RedisStorageError(`Redis ${what}: not connected (${status})${why}`),
      );
    }
    return withTimeout(run(), this.#timeout, what).catch((error: unknown) => {
      this.#stats.failures++;
      throw error;
    });
  }
}
