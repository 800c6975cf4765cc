import { toUserAgentAttributes, type UserAgentAttributes } from "@pagesense/core";

/** The parts of `navigator` read here (User-Agent Client Hints where the browser has them). */
export interface NavigatorLike {
  userAgent?: string;
  userAgentData?: {
    brands?: ReadonlyArray<{ brand: string }>;
    mobile?: boolean;
    platform?: string;
  };
}

/** Browser names by user-agent token, most specific first (Chromium-based browsers carry "Chrome/"). */
const BROWSERS: Array<[RegExp, string]> = [
  [/SamsungBrowser/, "Samsung Internet"],
  [/OPR\/|Opera|OPT\//, "Opera"],
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/Firefox\/|FxiOS/, "Firefox"],
  [/Chrom(e|ium)\/|CriOS/, "Chrome"],
  [/Safari\//, "Safari"],
];

/** Operating systems by user-agent token, most specific first. */
const SYSTEMS: Array<[RegExp, string]> = [
  [/Windows/, "Windows"],
  [/iPhone|iPad|iPod/, "iOS"],
  [/Android/, "Android"],
  [/CrOS/, "ChromeOS"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Linux/, "Linux"],
];

const find = (table: Array<[RegExp, string]>, text: string) =>
  table.find(([pattern]) => pattern.test(text))?.[1];

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
  // A known brand names the browser; other Chromium-based ones (Brave, ...) read as Chrome, as
  // their user-agent string does.
  const brands = data.brands.map((b) => b.brand).join("|");
  return toUserAgentAttributes({
    browser: find(
      [
        [/Samsung Internet/, "Samsung Internet"],
        [/Opera/, "Opera"],
        [/Edge/, "Edge"],
        [/Chrom/, "Chrome"],
      ],
      brands,
    ),
    os: data.platform,
    device: data.mobile ? "mobile" : /android/i.test(data.platform) ? "tablet" : "desktop",
  });
}

/** The attributes read from a user-agent string (the fallback of {@link detectUserAgent}). */
export function parseUserAgent(ua: string): UserAgentAttributes {
  const os = find(SYSTEMS, ua);
  return toUserAgentAttributes({
    browser: find(BROWSERS, ua),
    os,
    device: /iPad|Tablet/i.test(ua)
      ? "tablet"
      : /Mobi|iPhone|iPod/.test(ua)
        ? "mobile"
        : os === "Android"
          ? "tablet"
          : os && "desktop",
  });
}
