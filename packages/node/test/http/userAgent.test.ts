import { BROWSERS, DEVICES, OPERATING_SYSTEMS } from "@pagesense/core";
import { normalizeBrowser } from "@pagesense/core/internal";
import { describe, expect, it } from "vitest";
import { userAgentAttributes } from "../../src/http/userAgent";

const cases: Array<[string, string, [string, string, string]]> = [
  [
    "Chrome on Windows",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    ["Chrome", "Windows", "Desktop"],
  ],
  [
    "Edge on Windows",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51",
    ["Edge", "Windows", "Desktop"],
  ],
  [
    "Opera on Windows",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 OPR/108.0.0.0",
    ["Opera", "Windows", "Desktop"],
  ],
  [
    "Samsung Internet on an Android phone",
    "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
    ["Samsung Internet", "Android", "Mobile"],
  ],
  [
    "Firefox on Linux",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    ["Firefox", "Linux", "Desktop"],
  ],
  [
    "Safari on macOS",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
    ["Safari", "macOS", "Desktop"],
  ],
  [
    "Chrome on an Android tablet",
    "Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    ["Chrome", "Android", "Tablet"],
  ],
  [
    "Safari on an iPad",
    "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    ["Safari", "iOS", "Tablet"],
  ],
  [
    "Chrome on an iPhone",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1",
    ["Chrome", "iOS", "Mobile"],
  ],
  [
    "Chrome on ChromeOS",
    "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    ["Chrome", "ChromeOS", "Desktop"],
  ],
  [
    "Internet Explorer 11",
    "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko",
    ["Other", "Windows", "Desktop"],
  ],
  [
    "Googlebot",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    ["Other", "Other", "Other"],
  ],
  ["curl", "curl/8.5.0", ["Other", "Other", "Other"]],
  ["an empty header", "", ["Other", "Other", "Other"]],
];

describe("userAgentAttributes", () => {
  it.each(cases)("maps %s to the fixed vocabulary", (_name, ua, [Browser, OS, Device]) => {
    expect(userAgentAttributes(ua)).toEqual({ Browser, OS, Device });
  });

  it("gives Other for a missing header", () => {
    expect(userAgentAttributes(undefined)).toEqual({
      Browser: "Other",
      OS: "Other",
      Device: "Other",
    });
  });

  it("only ever produces values of the vocabulary", () => {
    for (const [, ua] of cases) {
      const a = userAgentAttributes(ua);
      expect(BROWSERS).toContain(a.Browser);
      expect(OPERATING_SYSTEMS).toContain(a.OS);
      expect(DEVICES).toContain(a.Device);
    }
  });

  it("returns the same answer from its cache, and copes with huge headers", () => {
    const ua = cases[0]![1];
    expect(userAgentAttributes(ua)).toBe(userAgentAttributes(ua));
    expect(userAgentAttributes(`${ua} ${"x".repeat(100_000)}`).Browser).toBe("Chrome");
  });

  it("normalises names regardless of case, spaces and dashes", () => {
    expect(normalizeBrowser("microsoft-edge")).toBe("Edge");
    expect(normalizeBrowser("SAMSUNG INTERNET")).toBe("Samsung Internet");
    expect(normalizeBrowser("toString")).toBe("Other");
    expect(normalizeBrowser(42)).toBe("Other");
  });
});
