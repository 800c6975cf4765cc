/**
 * The delivery of the events enqueued between two dispatches, as one promise for a host's
 * `waitUntil`: it settles (never rejects) once each of their requests was delivered, dropped,
 * handed off, or held for a collector outage.
 */
export class Delivery {
  /** Settles when every request of this delivery has an outcome. */
  readonly done: Promise<void>;
  #resolve!: () => void;
  #open = 0;
  #sealed = false;

  constructor() {
    this.done = new Promise<void>((resolve) => {
      this.#resolve = resolve;
    });
  }

  /** Counts one more request of this delivery. */
  add(): void {
    this.#open++;
  }

  /** No more requests join: settles now when none is open. */
  seal(): void {
    this.#sealed = true;
    if (this.#open === 0) this.#resolve();
  }

  /** One request has its outcome. */
  settle(): void {
    if (--this.#open === 0 && this.#sealed) this.#resolve();
  }
}
