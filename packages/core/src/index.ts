/**
 * `@pagesense/core`: what an application uses. Parts for runtime adapters (client assembly, HTTP,
 * timers, the delivery sink, settings internals) are in `@pagesense/core/internal`.
 */
export type { UserAttributes } from "./audience/attributes";
export { createClient } from "./client/createClient";
export type { Decision, DecisionReason } from "./client/Decision";
export { MAX_FORCED_USERS } from "./client/ForcedVariations";
export type { ClientOptions } from "./client/options";
export { PageSenseClient } from "./client/PageSenseClient";
export { UserContext } from "./client/UserContext";
export { WebhookClient } from "./client/WebhookClient";
export { MemoryEventSink } from "./events/MemoryEventSink";
export type { EventRequest, EventTransport } from "./events/transport";
export type {
  EventSink,
  GoalPayload,
  GoalRecord,
  TrackingEvent,
  VisitPayload,
  VisitRecord,
  WireAttribute,
} from "./events/types";
export { consoleLogger, type Logger, type LogLevel } from "./logging/logger";
export type {
  ActivateNotification,
  ClientNotifications,
  ErrorNotification,
  GoalNotification,
  Listener,
  SettingsNotification,
} from "./notifications/types";
export {
  OVERRIDE_PARAMETER,
  parseVariationOverrides,
  type VariationOverrides,
} from "./overrides/urlOverrides";
export { CompiledSettings, type CompileOptions } from "./settings/CompiledSettings";
export { compileSettings } from "./settings/compileSettings";
export type * from "./settings/types";
export {
  ALL_VISITORS,
  EXPERIMENT_STATUS_RUNNING,
  EXPERIMENT_TYPE_FULLSTACK_AB,
} from "./settings/types";
export { isSettingsDocument, validateSettings } from "./settings/validate";
export { ConfigurationError, SettingsError } from "./shared/errors";
export type { ClientStats } from "./stats/Stats";
export { MemoryUserStorage, type UserProfile, type UserStorage } from "./storage/UserStorage";
export type { WebhookPayload, WebhookRequest, WebhookResponse } from "./sync/webhook";
export { toUserAgentAttributes } from "./userAgent/normalize";
export {
  BROWSERS,
  type BrowserName,
  DEVICES,
  type DeviceType,
  OPERATING_SYSTEMS,
  type OSName,
  USER_AGENT_ATTRIBUTE,
  type UserAgentAttributes,
} from "./userAgent/vocabulary";
