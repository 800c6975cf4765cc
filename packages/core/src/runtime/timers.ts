/** A cancellable timer handle. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Timers for the SDK's background work. With `unref`, timers never keep a Node process alive
 * (the runtime ignores it where timers have no `unref`).
 */
export class Timers {
  declare private readonly unref: boolean;

  constructor(unref: boolean) {
    this.unref = unref;
  }

  /** Runs `fn` once after `ms`; errors thrown by `fn` are passed to `onError`, never thrown. */
  after(ms: number, fn: () => void, onError: (error: unknown) => void): TimerHandle {
    const id = setTimeout(() => {
      try {
        fn();
      } catch (error) {
        onError(error);
      }
    }, ms);
    if (this.unref) (id as { unref?: () => void }).unref?.();
    return { cancel: () => clearTimeout(id) };
  }
}

/** Exponential backoff with full jitter: a random delay in [base*2^attempt / 2, base*2^attempt], capped. */
export function backoffDelay(attempt: number, base: number, max: number): number {
  const ceiling = Math.min(max, base * 2 ** attempt);
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
