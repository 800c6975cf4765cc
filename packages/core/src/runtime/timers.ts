/** A cancellable timer handle. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Timers for the SDK's background work. With `unref`, timers never keep a Node process alive
 * (the runtime ignores it where timers have no `unref`).
 */
export class Timers {
  readonly #unref: boolean;

  constructor(unref: boolean) {
    this.#unref = unref;
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
    if (this.#unref) (id as { unref?: () => void }).unref?.();
    return { cancel: () => clearTimeout(id) };
  }
}

/** How late (ms) a {@link Deadline} must be before {@link Deadline.check} takes it as lost. */
export const OVERDUE = 100;

/**
 * A one-shot timer that knows when it is due. Runtimes such as Cloudflare Workers cancel a
 * request's timers when it ends; a client kept across requests calls {@link Deadline.check} on
 * its next use, which notices the overdue work and runs it on the next turn.
 */
export class Deadline {
  readonly #timers: Timers;
  readonly #work: () => void;
  readonly #onError: (error: unknown) => void;
  #handle: TimerHandle | undefined;
  /** When the work is due (ms since epoch); meaningful while armed. */
  #due = 0;

  constructor(timers: Timers, work: () => void, onError: (error: unknown) => void) {
    this.#timers = timers;
    this.#work = work;
    this.#onError = onError;
  }

  /** Whether the work is scheduled. */
  get armed(): boolean {
    return this.#handle !== undefined;
  }

  /** Schedules the work in `ms`, or keeps the earlier time when already armed sooner. */
  arm(ms: number, now = Date.now()): void {
    if (this.#handle && this.#due <= now + ms) return;
    this.#handle?.cancel();
    this.#due = now + ms;
    this.#handle = this.#timers.after(ms, () => this.#fire(), this.#onError);
  }

  /**
   * Schedules the work on the next turn when it is armed and more than {@link OVERDUE} ms late
   * (its timer was lost; a busy event loop is only a few ms late).
   */
  check(now: number): void {
    if (this.#handle && now > this.#due + OVERDUE) {
      this.#handle.cancel();
      this.#handle = this.#timers.after(0, () => this.#fire(), this.#onError);
      this.#due = now;
    }
  }

  cancel(): void {
    this.#handle?.cancel();
    this.#handle = undefined;
  }

  #fire(): void {
    this.#handle = undefined;
    this.#work();
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
