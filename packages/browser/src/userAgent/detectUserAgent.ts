import type { UserAgentAttributes } from "@pagesense/core";

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
 * `Browser` values by token, most specific first. They match both the user-agent string and the
 * Client Hints brands ("Microsoft Edge", "Google Chrome", ...): Chromium-based browsers carry
 * "Chrome"/"Chromium", so those without a brand of their own (Brave, ...) read as Chrome.
 */
const BROWSERS: Array<[RegExp, UserAgentAttributes["Browser"]]> = [
  [/SamsungBrowser|Samsung Internet/, "Samsung Internet"],
  [/OPR\/|Opera|OPT\//, "Opera"],
  [/Edg/, "Edge"],
  [/Firefox\/|FxiOS/, "Firefox"],
  [/Chrom|CriOS/, "Chrome"],
  [/Safari\//, "Safari"],
];

/** `OS` values by token of the user-agent string or the Client Hints platform, most specific first. */
const SYSTEMS: Array<[RegExp, UserAgentAttributes["OS"]]> = [
  [/Windows/, "Windows"],
  [/iPhone|iPad|iPod|iOS/, "iOS"],
  [/Android/, "Android"],
  [/CrOS|Chrome OS|Chromium OS/, "ChromeOS"],
  [/Mac OS X|Macintosh|macOS/, "macOS"],
  [/Linux/, "Linux"],
];

const find = <T>(table: Array<[RegExp, T]>, text: string): T | "Other" =>
  table.find(([pattern]) => pattern.test(text))?.[1] ?? "Other";

/**
 * The `Browser`, `OS` and `Device` attributes of this browser, in the vocabulary of
 * `@pagesense/core` (the values server adapters derive from the User-Agent header). Uses
 * `navigator.userAgentData` where present, else the user-agent string.
 */
export function detectUserAgent(
  nav: NavigatorLike | undefined = globalThis.navigator,
): UserAgentAttributes {
  const data = nav?.userAgentData;
  if (!data?.brands?.length || !data.platform) return parseUserAgent(nav?.userAgent ?? "");
  const OS = find(SYSTEMS, data.platform);
  return {
    Browser: find(BROWSERS, data.brands.map((b) => b.brand).join("|")),
    OS,
    Device: data.mobile ? "Mobile" : OS === "Android" ? "Tablet" : "Desktop",
  };
}

/** The attributes read from a user-agent string (the fallback of {@link detectUserAgent}). */
export function parseUserAgent(ua: string): UserAgentAttributes {
  const OS = find(SYSTEMS, ua);
  return {
    Browser: find(BROWSERS, ua),
    OS,
    Device: /iPad|Tablet/i.test(ua)
      ? "Tablet"
      : /Mobi|iPhone|iPod/.test(ua)
        ? "Mobile"
        : OS === "Android"
          ? "Tablet"
          : OS === "Other"
            ? "Other"
            : "Desktop",
  };
}
