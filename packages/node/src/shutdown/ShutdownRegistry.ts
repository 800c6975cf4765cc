import { messageOf, type SafeLogger } from "@pagesense/core";

/** What the registry needs of a client: a bounded close. */
export interface Closable {
  close(): Promise<void>;
}

interface Entry {
  closeTimeout: number;
  log: SafeLogger;
}

/** The signals after which clients are flushed and closed. */
export const SHUTDOWN_SIGNALS = ["SIGTERM", "SIGINT"] as const;
type ShutdownSignal = (typeof SHUTDOWN_SIGNALS)[number];

/** Extra time granted beyond a client's own closeTimeout before giving up on it. */
const CLOSE_GRACE_MS = 1_000;

/**
 * Flushes and closes live clients when the process is asked to stop (SIGTERM, SIGINT) or runs out
 * of work (`beforeExit`). One set of process listeners serves every client: it is added with the
 * first client and removed with the last, so creating many clients adds no listeners.
 *
 * After a signal, once the clients are closed (each bounded by its closeTimeout), the signal is
 * raised again with the default behaviour (the process ends as if the SDK were not there) — unless
 * the application listens to that signal itself, in which case exiting is left to it. A second
 * signal while closing stops waiting.
 */
export class ShutdownRegistry {
  private readonly clients = new Map<Closable, Entry>();
  private installed = false;
  private closing: Promise<void> | undefined;
  private signalled = false;

  private readonly onSignal = (signal: ShutdownSignal): void => {
    if (this.signalled) {
      this.reraise(signal);
      return;
    }
    this.signalled = true;
    for (const { log } of this.clients.values()) {
      log.info(`${signal} received: flushing queued events and closing the client`);
    }
    void this.closeAll().then(() => this.reraise(signal));
  };

  private readonly onBeforeExit = (): void => {
    if (this.clients.size > 0) void this.closeAll();
  };

  /** Number of clients watched. */
  get size(): number {
    return this.clients.size;
  }

  /** Watches `client` until {@link remove}; its close is bounded by `closeTimeout` (+1 s). */
  add(client: Closable, closeTimeout: number, log: SafeLogger): void {
    this.clients.set(client, { closeTimeout, log });
    this.install();
  }

  /** Stops watching `client` (called when it closes); the last one removes the process listeners. */
  remove(client: Closable): void {
    this.clients.delete(client);
    if (this.clients.size === 0 && this.closing === undefined) this.uninstall();
  }

  /** Closes every watched client, keeping the process alive until they are done or timed out. */
  closeAll(): Promise<void> {
    this.closing ??= this.runClose().finally(() => {
      this.closing = undefined;
      if (this.clients.size === 0) this.uninstall();
    });
    return this.closing;
  }

  private async runClose(): Promise<void> {
    const entries = [...this.clients];
    await Promise.all(
      entries.map(([client, { closeTimeout, log }]) => {
        // A referenced timer: the SDK's own timers are unref'd, so without it the process could
        // end in the middle of a retry wait. It also bounds the close.
        let timer: NodeJS.Timeout | undefined;
        const bound = new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            log.error(`close did not finish within closeTimeout (${closeTimeout} ms); giving up`);
            resolve();
          }, closeTimeout + CLOSE_GRACE_MS);
        });
        const closed = client.close().catch((error: unknown) => {
          log.error(`close failed: ${messageOf(error)}`);
        });
        return Promise.race([closed, bound]).finally(() => {
          clearTimeout(timer);
          this.clients.delete(client);
        });
      }),
    );
  }

  private reraise(signal: ShutdownSignal): void {
    this.uninstall();
    this.signalled = false;
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  }

  private install(): void {
    if (this.installed) return;
    this.installed = true;
    for (const signal of SHUTDOWN_SIGNALS) process.on(signal, this.onSignal);
    process.on("beforeExit", this.onBeforeExit);
  }

  private uninstall(): void {
    if (!this.installed) return;
    this.installed = false;
    for (const signal of SHUTDOWN_SIGNALS) process.off(signal, this.onSignal);
    process.off("beforeExit", this.onBeforeExit);
  }
}

/** The process-wide registry used by `createClient`. */
export const shutdownRegistry = new ShutdownRegistry();
