import { describe, messageOf } from "../logging/describe";
import type { SafeLogger } from "../logging/logger";
import { recordError, type Stats } from "../stats/Stats";
import type { ClientNotifications, ErrorNotification, Listener } from "./types";

/** The notification names a client emits. */
const EVENTS: ReadonlySet<string> = new Set<keyof ClientNotifications>([
  "activate",
  "goal",
  "settings",
  "error",
]);

/**
 * A small typed emitter whose listeners can never break the SDK: a throwing listener is logged,
 * an unknown notification name is refused with a log line.
 */
export class Notifier {
  readonly #listeners = new Map<keyof ClientNotifications, Set<Listener<never>>>();
  readonly #log: SafeLogger;
  readonly #stats: Stats;

  constructor(log: SafeLogger, stats: Stats) {
    this.#log = log;
    this.#stats = stats;
  }

  /** Adds a listener; returns a function removing it. */
  on<K extends keyof ClientNotifications>(
    event: K,
    listener: Listener<ClientNotifications[K]>,
  ): () => void {
    if (typeof event !== "string" || !EVENTS.has(event)) {
      this.#log.error(
        `on(${describe(event)}): not a notification (activate, goal, settings, error); ignored`,
      );
      return () => false;
    }
    if (typeof listener !== "function") {
      this.#log.error(`on("${event}"): the listener must be a function; ignored`);
      return () => false;
    }
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    const entry = listener as Listener<never>;
    set.add(entry);
    return () => set.delete(entry);
  }

  /** Whether anyone listens to `event` (lets callers skip building payloads). */
  has(event: keyof ClientNotifications): boolean {
    return (this.#listeners.get(event)?.size ?? 0) > 0;
  }

  /** Calls the listeners of `event`; their errors are logged. */
  emit<K extends keyof ClientNotifications>(event: K, payload: ClientNotifications[K]): void {
    const set = this.#listeners.get(event);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as Listener<ClientNotifications[K]>)(payload);
      } catch (error) {
        this.#log.error(`a "${event}" listener threw: ${messageOf(error)}`);
      }
    }
  }

  /** A failure the host may want to monitor: logged at ERROR, kept as the last error, notified. */
  report(source: string, message: string, extra?: Partial<ErrorNotification>): void {
    const safe = this.#log.redact(message);
    this.#log.error(safe);
    recordError(this.#stats, safe);
    this.emit("error", { source, ...extra, message: safe });
  }
}
