import type { LogSink } from "../logging/logger";

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

/** Sent when new settings were loaded (`changed` is false when a refresh found the same version). */
export interface SettingsNotification {
  version: string | undefined;
  changed: boolean;
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
export class Notifier {
  private readonly listeners = new Map<keyof ClientNotifications, Set<Listener<never>>>();

  constructor(private readonly log: LogSink) {}

  on<K extends keyof ClientNotifications>(
    event: K,
    listener: Listener<ClientNotifications[K]>,
  ): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<never>);
    return () => {
      set.delete(listener as Listener<never>);
    };
  }

  /** Whether anyone listens to `event` (lets callers skip building payloads). */
  has(event: keyof ClientNotifications): boolean {
    const set = this.listeners.get(event);
    return set !== undefined && set.size > 0;
  }

  emit<K extends keyof ClientNotifications>(event: K, payload: ClientNotifications[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as Listener<ClientNotifications[K]>)(payload);
      } catch (error) {
        this.log.error(
          `a "${event}" listener threw: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}
