/**
 * `@pagesense/core/internal`: the parts runtime adapters (`@pagesense/node`, `@pagesense/browser`,
 * the local server) build on. Not a stable API for applications: use `@pagesense/core`.
 */
export { compileCondition, type Matcher } from "./audience/compile";
export { ConditionType, Operator } from "./audience/operators";
export { BUCKET_COUNT, murmur3 } from "./bucketing/hash";
export { findVariation, variationRangeEnds } from "./bucketing/ranges";
export { assembleClient, type ClientRuntime } from "./client/assembleClient";
export { buildClient, type ClientBuild } from "./client/buildClient";
export type { NetworkOptions, ResolvedOptions } from "./client/options";
export type { ClientParts } from "./client/PageSenseClient";
export { BatchEventSink, type DeliveryOptions } from "./events/BatchEventSink";
export { toPayloads } from "./events/payloads";
export {
  httpTransport,
  isRetryableStatus,
  SERVER_MAX_CONCURRENT_REQUESTS,
} from "./events/transport";
export { messageOf } from "./logging/describe";
export { parseLogLevel, SafeLogger } from "./logging/logger";
export { Notifier } from "./notifications/Notifier";
export { fetchHttp } from "./runtime/fetchHttp";
export { type Http, HttpClient, type HttpRequest, type HttpResponse } from "./runtime/http";
export { backoffDelay, type TimerHandle, Timers } from "./runtime/timers";
export { type AccountLocation, DATA_CENTER_HOSTS, resolveAccount } from "./settings/dataCenters";
export { type IndexedExperiment, indexProject, type ProjectIndex } from "./settings/ProjectIndex";
export { SettingsStore } from "./settings/SettingsStore";
export { isObject } from "./shared/isObject";
export type { Stats } from "./stats/Stats";
export { storedExperiments } from "./storage/UserStorage";
export { type SettingsCredentials, settingsUrl } from "./sync/SettingsSync";
export { constantTimeEqual, headerValue, parseWebhookPayload } from "./sync/webhook";
export { normalizeBrowser, normalizeDevice, normalizeOS } from "./userAgent/normalize";
