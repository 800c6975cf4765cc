export type { Attributes } from "./audience/attributes";
export { compileCondition, type Matcher } from "./audience/compile";
export { ConditionType, Operator } from "./audience/operators";
export { BUCKET_COUNT, murmur3 } from "./bucketing/hash";
export { findVariation, variationRangeEnds } from "./bucketing/ranges";
export { assembleClient, type ClientRuntime } from "./client/assembleClient";
export { ClientBase } from "./client/ClientBase";
export { ConfigurationError } from "./client/ConfigurationError";
export { createClient } from "./client/createClient";
export type { Decision, DecisionReason } from "./client/Decision";
export type {
  ActivateNotification,
  ClientNotifications,
  ErrorNotification,
  GoalNotification,
  Listener,
  SettingsNotification,
} from "./client/notifications";
export type { ClientOptions, NetworkOptions, ResolvedOptions } from "./client/options";
export { type ClientParts, PageSenseClient, type UserAttributes } from "./client/PageSenseClient";
export { UserContext } from "./client/UserContext";
export { BatchEventSink, type DeliveryOptions } from "./events/BatchEventSink";
export { MemoryEventSink } from "./events/MemoryEventSink";
export { toPayloads } from "./events/payloads";
export {
  type EventRequest,
  type EventTransport,
  httpTransport,
  isRetryableStatus,
  SERVER_MAX_CONCURRENT_REQUESTS,
} from "./events/transport";
export type {
  EventSink,
  GoalPayload,
  GoalRecord,
  TrackingEvent,
  VisitPayload,
  VisitRecord,
  WireAttribute,
} from "./events/types";
export { messageOf } from "./logging/describe";
export {
  consoleLogger,
  type Logger,
  type LogLevel,
  LogSink,
  parseLogLevel,
} from "./logging/logger";
export { fetchHttp } from "./runtime/fetchHttp";
export { type Http, HttpClient, type HttpRequest, type HttpResponse } from "./runtime/http";
export { backoffDelay, type TimerHandle, Timers } from "./runtime/timers";
export {
  CompiledSettings,
  type CompileOptions,
  compileSettings,
} from "./settings/CompiledSettings";
export { type AccountLocation, DATA_CENTER_HOSTS, resolveAccount } from "./settings/dataCenters";
export { type IndexedExperiment, indexProject, type ProjectIndex } from "./settings/ProjectIndex";
export { SettingsError } from "./settings/SettingsError";
export { SettingsStore } from "./settings/SettingsStore";
export type * from "./settings/types";
export {
  ALL_VISITORS,
  EXPERIMENT_STATUS_RUNNING,
  EXPERIMENT_TYPE_FULLSTACK_AB,
} from "./settings/types";
export { isSettingsDocument, validateSettings } from "./settings/validate";
export type { ClientStats } from "./stats/Stats";
export {
  MemoryUserStorage,
  storedExperiments,
  type UserProfile,
  type UserStorage,
} from "./storage/UserStorage";
export { type SettingsCredentials, settingsUrl } from "./sync/SettingsSync";
export {
  constantTimeEqual,
  headerValue,
  parseWebhookPayload,
  type WebhookPayload,
  type WebhookRequest,
  type WebhookResponse,
} from "./sync/webhook";
export {
  normalizeBrowser,
  normalizeDevice,
  normalizeOS,
  toUserAgentAttributes,
} from "./userAgent/normalize";
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
