import { RedisStorageError } from "./RedisStorageError";

/**
 * Resolves or rejects as `work` does, or rejects with a {@link RedisStorageError} once `ms`
 * milliseconds have passed, whichever comes first. The timer never keeps the process alive.
 * When it fires, the rejection waits for the I/O already received (setImmediate runs after the
 * poll phase), so a reply that arrived while the event loop was busy is not called late.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const late = () => reject(new RedisStorageError(`Redis ${what} timed out after ${ms} ms`));
    const timer = setTimeout(() => setImmediate(late), ms);
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
