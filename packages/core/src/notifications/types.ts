import type { UserAttributes } from "../audience/attributes";

/** Sent after `activateExperiment` returned a variation and queued a visit. */
export interface ActivateNotification {
  experimentName: string;
  userId: string;
  variationName: string;
  variationKey: string;
  attributes: UserAttributes | undefined;
}

/** Sent after `trackGoal` queued a conversion. */
export interface GoalNotification {
  experimentName: string;
  userId: string;
  goalName: string;
  variationName: string;
  revenue: number | undefined;
  attributes: UserAttributes | undefined;
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
