/**
 * Polls `predicate` every `intervalMs` until it returns true (or a promise of true); rejects after
 * `timeoutMs` with an error that includes `describe()` (the state when giving up), if given.
 */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  options: { intervalMs?: number; describe?: () => string } = {},
): Promise<void> {
  const intervalMs = options.intervalMs ?? 10;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() >= deadline) {
      const state = options.describe ? `; ${options.describe()}` : "";
      throw new Error(`waitFor: condition not met within ${timeoutMs} ms${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
