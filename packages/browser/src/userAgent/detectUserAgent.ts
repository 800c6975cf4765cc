import { normalizeBrowser, toUserAgentAttributes, type UserAgentAttributes } from "@pagesense/core";

/** The parts of `navigator` read here (User-Agent Client Hints where the browser has them). */
export interface NavigatorLike {
  userAgent?: string;
  userAgentData?: {
    brands?: ReadonlyArray<{ brand: string }>;
    mobile?: boolean;
    platform?: string;
  };
}

/**
 * The `Browser`, `OS` and `Device` attributes of this browser, in the vocabulary of
 * `@pagesense/core` (the values server adapters derive from the User-Agent header). Uses
 * `navigator.userAgentData` where present, else the user-agent string.
 */
export function detectUserAgent(
  nav: NavigatorLike | undefined = globalThis.navigator,
): UserAgentAttributes {
  const data = nav?.userAgentData;
  const ua = nav?.userAgent ?? "";
  if (data?.brands && data.brands.length > 0 && data.platform) {
    const brands = data.brands.map((b) => b.brand);
    // A known brand names the browser; Chromium-based others (Brave, ...) read as Chrome, as
    // their user-agent string does.
    const browser =
      brands.find((b) => normalizeBrowser(b) !== "Other" && !/^chromium$/i.test(b)) ??
      (brands.some((b) => /^chromium$/i.test(b)) ? "Chrome" : undefined);
    const android = /android/i.test(data.platform);
    return toUserAgentAttributes({
      browser,
      os: data.platform,
      device: data.mobile ? "mobile" : android ? "tablet" : "desktop",
    });
  }
  return parseUserAgent(ua);
}

/** The attributes read from a user-agent string (the fallback of {@link detectUserAgent}). */
export function parseUserAgent(ua: string): UserAgentAttributes {
  const browser = /SamsungBrowser/.test(ua)
    ? "Samsung Internet"
    : /OPR\/|Opera|OPT\//.test(ua)
      ? "Opera"
      : /Edg(e|A|iOS)?\//.test(ua)
        ? "Edge"
        : /Firefox\/|FxiOS/.test(ua)
          ? "Firefox"
          : /Chrome\/|CriOS|Chromium/.test(ua)
            ? "Chrome"
            : /Safari\//.test(ua)
              ? "Safari"
              : undefined;
  const os = /Windows/.test(ua)
    ? "Windows"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Android/.test(ua)
        ? "Android"
        : /CrOS/.test(ua)
          ? "Chrome OS"
          : /Mac OS X|Macintosh/.test(ua)
            ? "macOS"
            : /Linux/.test(ua)
              ? "Linux"
              : undefined;
  const device = /iPad|Tablet/i.test(ua)
    ? "tablet"
    : /Mobi|iPhone|iPod/.test(ua)
      ? "mobile"
      : os === "Android"
        ? "tablet"
        : os
          ? "desktop"
          : undefined;
  return toUserAgentAttributes({ browser, os, device });
}
