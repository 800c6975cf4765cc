import { RedisStorageError } from "./RedisStorageError";

/**
 * Resolves or rejects as `work` does, or rejects with a {@link RedisStorageError} once `ms`
 * milliseconds have passed, whichever comes first. The timer never keeps the process alive.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new RedisStorageError(`Redis ${what} timed out after ${ms} ms`)),
      ms,
    );
    timer.unref?.();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(RedisStorageError.from(what, error));
      },
    );
  });
}
