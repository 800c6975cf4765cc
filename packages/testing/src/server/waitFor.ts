/**
 * Polls `check` every `intervalMs` until it returns a truthy value (or a promise of one) and
 * resolves to that value; rejects after `timeoutMs` with an error that includes `describe()` (the
 * state when giving up), if given.
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  timeoutMs = 5000,
  options: { intervalMs?: number; describe?: () => string } = {},
): Promise<NonNullable<T>> {
  const intervalMs = options.intervalMs ?? 10;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() >= deadline) {
      const state = options.describe ? `; ${options.describe()}` : "";
      throw new Error(`waitFor: condition not met within ${timeoutMs} ms${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
