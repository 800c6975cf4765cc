import { messageOf } from "../logging/describe";
import type { LogSink } from "../logging/logger";
import { recordError, type Stats } from "../stats/Stats";

/** Sent after `activateExperiment` returned a variation and queued a visit. */
export interface ActivateNotification {
  experimentName: string;
  userId: string;
  variationName: string;
  variationKey: string;
  attributes: Readonly<Record<string, string>> | undefined;
}

/** Sent after `trackGoal` queued a conversion. */
export interface GoalNotification {
  experimentName: string;
  userId: string;
  goalName: string;
  variationName: string;
  revenue: number | undefined;
  attributes: Readonly<Record<string, string>> | undefined;
}

/** Sent when new settings were applied (not when a refresh found the same version). */
export interface SettingsNotification {
  /** The project version of the new settings (undefined for a bootstrap document). */
  version: string | undefined;
  experimentCount: number;
}

/** Sent on failures the host may want to monitor (settings refresh, delivery, dropped events). */
export interface ErrorNotification {
  /** What failed: `settings`, `delivery`, `dropped`, `storage`, `listener`. */
  source: string;
  message: string;
  /** Events dropped by this failure, when any. */
  dropped?: number;
  error?: unknown;
}

/** The notifications a client emits, by name. */
export interface ClientNotifications {
  activate: ActivateNotification;
  goal: GoalNotification;
  settings: SettingsNotification;
  error: ErrorNotification;
}

/** A notification listener; its errors are logged, never thrown into the SDK's caller. */
export type Listener<T> = (payload: T) => void;

/** A tiny typed emitter whose listeners can never break the SDK. */
export interface Notifier {
  /** Adds a listener; returns a function removing it. */
  on<K extends keyof ClientNotifications>(
    event: K,
    listener: Listener<ClientNotifications[K]>,
  ): () => void;
  /** Whether anyone listens to `event` (lets callers skip building payloads). */
  has(event: keyof ClientNotifications): boolean;
  /** Calls the listeners of `event`; their errors are logged. */
  emit<K extends keyof ClientNotifications>(event: K, payload: ClientNotifications[K]): void;
  /** A failure the host may want to monitor: logged at ERROR, kept as the last error, notified. */
  report(source: string, message: string, extra?: Partial<ErrorNotification>): void;
}

/** A {@link Notifier} logging to `log` and recording reported errors in `stats`. */
export function createNotifier(log: LogSink, stats: Stats): Notifier {
  const listeners: { [K in keyof ClientNotifications]?: Set<Listener<never>> } = {};
  const emit: Notifier["emit"] = (event, payload) => {
    for (const listener of listeners[event] ?? []) {
      try {
        (listener as Listener<typeof payload>)(payload);
      } catch (error) {
        log.error(`a "${event}" listener threw: ${messageOf(error)}`);
      }
    }
  };
  return {
    on(event, listener) {
      const set = listeners[event] ?? new Set();
      listeners[event] = set;
      set.add(listener as Listener<never>);
      return () => set.delete(listener as Listener<never>);
    },
    has: (event) => !!listeners[event]?.size,
    emit,
    report(source, message, extra) {
      log.error(message);
      recordError(stats, message);
      emit("error", { source, message, ...extra });
    },
  };
}
