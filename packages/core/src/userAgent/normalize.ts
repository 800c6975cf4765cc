import type { BrowserName, DeviceType, OSName, UserAgentAttributes } from "./vocabulary";

/**
 * Maps the names a user-agent parser reports (bowser's, `navigator.userAgentData` brands, or
 * common spellings) onto the fixed vocabulary. Lookups ignore case, spaces and dashes; anything
 * unknown becomes `"Other"`.
 */

const key = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, "");

const BROWSER_ALIASES: Record<string, BrowserName> = {
  chrome: "Chrome",
  googlechrome: "Chrome",
  chromium: "Chrome",
  chromeheadless: "Chrome",
  headlesschrome: "Chrome",
  firefox: "Firefox",
  mozillafirefox: "Firefox",
  safari: "Safari",
  mobilesafari: "Safari",
  edge: "Edge",
  microsoftedge: "Edge",
  opera: "Opera",
  operatouch: "Opera",
  operacoast: "Opera",
  samsunginternet: "Samsung Internet",
  samsunginternetforandroid: "Samsung Internet",
  samsungbrowser: "Samsung Internet",
};

const OS_ALIASES: Record<string, OSName> = {
  windows: "Windows",
  macos: "macOS",
  macosx: "macOS",
  osx: "macOS",
  ios: "iOS",
  ipados: "iOS",
  android: "Android",
  linux: "Linux",
  chromeos: "ChromeOS",
  chromiumos: "ChromeOS",
};

const DEVICE_ALIASES: Record<string, DeviceType> = {
  desktop: "Desktop",
  mobile: "Mobile",
  phone: "Mobile",
  tablet: "Tablet",
};

function lookup<T extends string>(table: Record<string, T>, name: unknown, other: T): T {
  if (typeof name !== "string" || name === "") return other;
  const k = key(name);
  return Object.hasOwn(table, k) ? (table[k] as T) : other;
}

/** The `Browser` value for a parser's browser name (e.g. `"Microsoft Edge"` → `"Edge"`). */
export function normalizeBrowser(name: unknown): BrowserName {
  return lookup(BROWSER_ALIASES, name, "Other");
}

/** The `OS` value for a parser's operating-system name (e.g. `"Chrome OS"` → `"ChromeOS"`). */
export function normalizeOS(name: unknown): OSName {
  return lookup(OS_ALIASES, name, "Other");
}

/** The `Device` value for a parser's platform type (`"desktop"`, `"mobile"`, `"tablet"`, ...). */
export function normalizeDevice(type: unknown): DeviceType {
  return lookup(DEVICE_ALIASES, type, "Other");
}

/** The `Browser`, `OS` and `Device` attributes for parsed user-agent names. */
export function toUserAgentAttributes(parsed: {
  browser?: string | undefined;
  os?: string | undefined;
  device?: string | undefined;
}): UserAgentAttributes {
  return {
    Browser: normalizeBrowser(parsed.browser),
    OS: normalizeOS(parsed.os),
    Device: normalizeDevice(parsed.device),
  };
}
