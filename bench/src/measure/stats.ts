/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs the garbage collector when node runs with --expose-gc (otherwise fails loudly). */
export function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error("run node with --expose-gc");
  collect();
  collect();
}

/** `heapUsed` after a full collection, bytes. */
export function heapAfterGc(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

/** Lets pending promise jobs and I/O callbacks run. */
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
