import { ConfigurationError } from "@pagesense/core";
import type { Cluster, Redis, RedisOptions } from "ioredis";

/** Options of {@link RedisUserStorage}: exactly one of `url` or `client`. */
export interface RedisUserStorageOptions {
  /**
   * A Redis URL (`redis://[:password@]host:port[/db]`, `rediss://` for TLS): the storage opens
   * its own connection, reconnects by itself, and `close()` closes it.
   */
  url?: string;
  /**
   * A client the app already has: an ioredis `Redis` or `Cluster`. The app keeps owning it
   * (`close()` leaves it open).
   */
  client?: Redis | Cluster;
  /** More ioredis options for the connection opened from `url` (TLS, username, ...). */
  redisOptions?: RedisOptions;
  /** Prefix of every user's key. Default `"pagesense:user:"`. */
  keyPrefix?: string;
  /**
   * Expiry of a user's hash, in seconds, set again on every write (a new or replaced
   * assignment). Default: none (kept until deleted or evicted).
   */
  ttlSeconds?: number;
  /**
   * Longest wait for one Redis call, ms. After it the call fails and the decision falls back to
   * bucketing. Default 100.
   */
  timeout?: number;
}

/** Checked options: either `url` or `client`, and the values the storage uses. */
export type CheckedOptions = (
  | { url: string; client: undefined }
  | { url: undefined; client: Redis | Cluster }
) & {
  /** Key prefix. */
  prefix: string;
  /** TTL in ms as Redis takes it ("0": none). */
  ttlMs: string;
  /** Per-call timeout, ms. */
  timeout: number;
};

const fail = (message: string): never => {
  throw new ConfigurationError(`RedisUserStorage: ${message}`);
};

/** Checks the options, throwing one {@link ConfigurationError} that says what to fix. */
export function checkOptions(options: RedisUserStorageOptions): CheckedOptions {
  const { url, client, keyPrefix = "pagesense:user:", ttlSeconds, timeout = 100 } = options ?? {};
  const hasUrl = typeof url === "string" && url !== "";
  if (hasUrl === (client !== undefined))
    fail(
      "needs exactly one of { url: 'redis://host:6379' } or { client: <ioredis Redis or Cluster> }",
    );
  if (hasUrl && !/^rediss?:\/\//.test(url!)) fail("url must start with redis:// or rediss://");
  const methods = ["hgetall", "evalsha", "eval", "on"] as const;
  if (
    client !== undefined &&
    (typeof client?.status !== "string" || methods.some((m) => typeof client[m] !== "function"))
  )
    fail("client must be an ioredis Redis or Cluster (for another client, pass { url } instead)");
  if (typeof keyPrefix !== "string") fail("keyPrefix must be a string");
  if (ttlSeconds !== undefined && !(Number.isInteger(ttlSeconds) && ttlSeconds > 0))
    fail("ttlSeconds must be a positive integer");
  if (!(Number.isFinite(timeout) && timeout > 0)) fail("timeout must be a positive number of ms");
  const ttlMs = String(ttlSeconds === undefined ? 0 : ttlSeconds * 1000);
  const base = { prefix: keyPrefix, ttlMs, timeout };
  return hasUrl
    ? { ...base, url: url!, client: undefined }
    : { ...base, url: undefined, client: client! };
}
