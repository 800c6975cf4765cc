/** Whether `value` is a promise (or any thenable). */
export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === "function";
}

/**
 * Calls `fn` and hands its result to `ok`, or its error (thrown or rejected) to `ko`:
 * synchronously unless `fn` returned a promise, so sync storage keeps decisions sync.
 */
export function settle<T, R>(
  fn: () => T | Promise<T>,
  ok: (value: T) => R | Promise<R>,
  ko: (error: unknown) => R | Promise<R>,
): R | Promise<R> {
  let value: T | Promise<T>;
  try {
    value = fn();
  } catch (error) {
    return ko(error);
  }
  return isPromise(value) ? value.then(ok, ko) : ok(value);
}
