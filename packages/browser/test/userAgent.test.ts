import { toUserAgentAttributes } from "@pagesense/core";
import { userAgentAttributes } from "@pagesense/node/http";
import { describe, expect, it } from "vitest";
import { detectUserAgent, parseUserAgent } from "../src/userAgent/detectUserAgent";

const UA = {
  chromeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  edgeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87",
  firefoxMac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0",
  safariMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  chromeIpad:
    "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
  chromeAndroidPhone:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
  chromeAndroidTablet:
    "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  samsungAndroid:
    "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
  operaLinux:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0",
  firefoxAndroid: "Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0",
  chromebook:
    "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  headless:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36",
  curl: "curl/8.5.0",
} as const;

const attrs = (Browser: string, OS: string, Device: string) => ({ Browser, OS, Device });

describe("parseUserAgent (the user-agent string fallback)", () => {
  it.each([
    ["chromeWindows", attrs("Chrome", "Windows", "Desktop")],
    ["edgeWindows", attrs("Edge", "Windows", "Desktop")],
    ["firefoxMac", attrs("Firefox", "macOS", "Desktop")],
    ["safariMac", attrs("Safari", "macOS", "Desktop")],
    ["safariIphone", attrs("Safari", "iOS", "Mobile")],
    ["chromeIpad", attrs("Chrome", "iOS", "Tablet")],
    ["chromeAndroidPhone", attrs("Chrome", "Android", "Mobile")],
    ["chromeAndroidTablet", attrs("Chrome", "Android", "Tablet")],
    ["samsungAndroid", attrs("Samsung Internet", "Android", "Mobile")],
    ["operaLinux", attrs("Opera", "Linux", "Desktop")],
    ["firefoxAndroid", attrs("Firefox", "Android", "Mobile")],
    ["chromebook", attrs("Chrome", "ChromeOS", "Desktop")],
    ["headless", attrs("Chrome", "Linux", "Desktop")],
    ["curl", attrs("Other", "Other", "Other")],
  ] as const)("%s", (name, expected) => {
    expect(parseUserAgent(UA[name])).toEqual(expected);
  });

  it("agrees with the server adapters (@pagesense/node parses the User-Agent header with bowser)", () => {
    for (const ua of Object.values(UA))
      expect(parseUserAgent(ua), ua).toEqual(userAgentAttributes(ua));
  });

  it("gives only values of the shared vocabulary", () => {
    const vocabulary = toUserAgentAttributes({});
    for (const ua of Object.values(UA)) {
      const a = parseUserAgent(ua);
      expect(Object.keys(a).sort()).toEqual(Object.keys(vocabulary).sort());
      expect(toUserAgentAttributes({ browser: a.Browser, os: a.OS, device: a.Device })).toEqual(a);
    }
  });
});

describe("detectUserAgent (User-Agent Client Hints first)", () => {
  const brands = (...names: string[]) => names.map((brand) => ({ brand, version: "126" }));

  it("names the browser by its known brand, not the Chromium or GREASE brands", () => {
    expect(
      detectUserAgent({
        userAgent: UA.chromeWindows,
        userAgentData: {
          brands: brands("Not/A)Brand", "Chromium", "Microsoft Edge"),
          mobile: false,
          platform: "Windows",
        },
      }),
    ).toEqual(attrs("Edge", "Windows", "Desktop"));
    expect(
      detectUserAgent({
        userAgentData: {
          brands: brands("Google Chrome", "Chromium"),
          mobile: false,
          platform: "macOS",
        },
      }),
    ).toEqual(attrs("Chrome", "macOS", "Desktop"));
  });

  it("reads other Chromium browsers (Brave, ...) as Chrome, as their user-agent string does", () => {
    const hinted = detectUserAgent({
      userAgent: UA.chromeWindows,
      userAgentData: {
        brands: brands("Brave", "Chromium", "Not_A Brand"),
        mobile: false,
        platform: "Windows",
      },
    });
    expect(hinted).toEqual(parseUserAgent(UA.chromeWindows));
  });

  it("tells phones from tablets on Android, and maps Chrome OS", () => {
    const android = (mobile: boolean) =>
      detectUserAgent({
        userAgentData: { brands: brands("Google Chrome"), mobile, platform: "Android" },
      });
    expect(android(true)).toEqual(attrs("Chrome", "Android", "Mobile"));
    expect(android(false)).toEqual(attrs("Chrome", "Android", "Tablet"));
    expect(
      detectUserAgent({
        userAgentData: { brands: brands("Google Chrome"), mobile: false, platform: "Chrome OS" },
      }),
    ).toEqual(attrs("Chrome", "ChromeOS", "Desktop"));
  });

  it("falls back to the user-agent string without client hints, and to Other without navigator", () => {
    expect(detectUserAgent({ userAgent: UA.safariIphone })).toEqual(
      parseUserAgent(UA.safariIphone),
    );
    expect(
      detectUserAgent({ userAgent: UA.firefoxMac, userAgentData: { brands: [], platform: "" } }),
    ).toEqual(attrs("Firefox", "macOS", "Desktop"));
    expect(detectUserAgent(undefined)).toEqual(attrs("Other", "Other", "Other"));
  });
});
