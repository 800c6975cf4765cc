import { messageOf } from "@pagesense/core/internal";

/**
 * Why a Redis call of {@link RedisUserStorage} failed: not connected, timed out, or an error
 * from Redis. The message never holds the connection URL (it may carry a password).
 */
export class RedisStorageError extends Error {
  override readonly name = "RedisStorageError";

  /** `error` as a RedisStorageError saying which call failed. */
  static from(what: string, error: unknown): RedisStorageError {
    if (error instanceof RedisStorageError) return error;
    // ioredis's own wording is long and names an option of ours, not of the app.
    const why =
      (error as { name?: unknown })?.name === "MaxRetriesPerRequestError"
        ? "connection lost"
        : messageOf(error);
    return new RedisStorageError(`Redis ${what} failed: ${why}`, { cause: error });
  }
}
