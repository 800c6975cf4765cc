/**
 * `@pagesense/node`: the PageSense client for Node.js, and what an application needs with it.
 * Helpers for framework adapters (cookies, request users, webhook bodies) are in
 * `@pagesense/node/http`.
 */
export {
  type ActivateNotification,
  BROWSERS,
  type ClientNotifications,
  type ClientOptions,
  type ClientStats,
  CompiledSettings,
  type CompileOptions,
  ConfigurationError,
  compileSettings,
  consoleLogger,
  DEVICES,
  type Decision,
  type DecisionReason,
  type ErrorNotification,
  type EventSink,
  type GoalNotification,
  type Listener,
  type Logger,
  type LogLevel,
  MemoryEventSink,
  MemoryUserStorage,
  OPERATING_SYSTEMS,
  OVERRIDE_PARAMETER,
  PageSenseClient,
  parseVariationOverrides,
  type SettingsDocument,
  SettingsError,
  type SettingsNotification,
  type TrackingEvent,
  type UserAgentAttributes,
  type UserAttributes,
  UserContext,
  type UserProfile,
  type UserStorage,
  type VariationOverrides,
  validateSettings,
  WebhookClient,
  type WebhookRequest,
  type WebhookResponse,
} from "@pagesense/core";
export { CloseHooksClient } from "./client/CloseHooksClient";
export { createClient } from "./client/createClient";
export type { NodeClientOptions } from "./client/options";
export { type CookieOptions, DEFAULT_COOKIE_NAME } from "./http/options";
export { FileUserStorage, type FileUserStorageOptions } from "./storage/FileUserStorage";
export { NodeHttpTransport } from "./transport/NodeHttpTransport";
