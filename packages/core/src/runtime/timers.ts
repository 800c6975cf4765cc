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

/** Resolves true when `work` has not settled within `ms`, false when it settled first. Never rejects. */
export async function timedOut(
  work: Promise<unknown>,
  ms: number,
  timers: Timers,
): Promise<boolean> {
  let timer: TimerHandle | undefined;
  const late = new Promise<boolean>((resolve) => {
    const yes = () => resolve(true);
    timer = timers.after(ms, yes, yes);
  });
  const result = await Promise.race([work.then(no, no), late]);
  timer!.cancel();
  return result;
}

const no = () => false;
