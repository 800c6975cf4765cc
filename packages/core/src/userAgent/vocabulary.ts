/**
 * The fixed values of the `Browser`, `OS` and `Device` attributes that PageSense adapters derive
 * from a user agent. Every runtime (server adapters from the User-Agent header, the browser
 * package from `navigator`) maps to these same values, so one audience condition such as
 * `Browser equals Chrome` matches the same visitors wherever the decision is made.
 */

/** Attribute names set from the user agent. */
export const USER_AGENT_ATTRIBUTE = {
  browser: "Browser",
  os: "OS",
  device: "Device",
} as const;

/** Values of the `Browser` attribute. */
export const BROWSERS = [
  "Chrome",
  "Firefox",
  "Safari",
  "Edge",
  "Opera",
  "Samsung Internet",
  "Other",
] as const;
/** A value of the `Browser` attribute. */
export type BrowserName = (typeof BROWSERS)[number];

/** Values of the `OS` attribute. */
export const OPERATING_SYSTEMS = [
  "Windows",
  "macOS",
  "iOS",
  "Android",
  "Linux",
  "ChromeOS",
  "Other",
] as const;
/** A value of the `OS` attribute. */
export type OSName = (typeof OPERATING_SYSTEMS)[number];

/** Values of the `Device` attribute. */
export const DEVICES = ["Desktop", "Mobile", "Tablet", "Other"] as const;
/** A value of the `Device` attribute. */
export type DeviceType = (typeof DEVICES)[number];

/** The attributes derived from a user agent. */
export interface UserAgentAttributes {
  Browser: BrowserName;
  OS: OSName;
  Device: DeviceType;
}
