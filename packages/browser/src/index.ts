export {
  ConfigurationError,
  type Decision,
  type DecisionReason,
  type Logger,
  type LogLevel,
  MemoryUserStorage,
  type SettingsDocument,
  type UserAgentAttributes,
  type UserAttributes,
  UserContext,
  type UserProfile,
  type UserStorage,
} from "@pagesense/core";
export { BrowserClient, type BrowserClientStats } from "./client/BrowserClient";
export { createClient } from "./client/createClient";
export type { BrowserClientOptions } from "./client/options";
export { beaconTransport } from "./delivery/beaconTransport";
export { LocalStorageUserStorage } from "./storage/LocalStorageUserStorage";
export { detectUserAgent, type NavigatorLike, parseUserAgent } from "./userAgent/detectUserAgent";
