import type { Http } from "../runtime/http";

/** Who is asking for settings: the `fpqd` block of the settings request. */
export interface SettingsCredentials {
  /** Portal (account) name: `a`. */
  portal: string;
  /** Account id as configured (`abcd1234-US`): `ai`. */
  accountId: string;
  /** SDK key: `sk`. */
  sdkKey: string;
  /** Project name: `pn`. */
  projectName: string;
}

/** What one settings fetch found. */
export type FetchResult =
  | { kind: "unchanged" }
  | { kind: "document"; document: unknown; version: string | undefined }
  | { kind: "failed"; message: string };

/** The settings request of spec section 6: `GET .../updateprojectsettings?type=24&raw=<fpqd JSON>`. */
export function settingsUrl(baseUrl: string, c: SettingsCredentials): string {
  const raw = JSON.stringify({
    fpqd: { a: c.portal, ai: c.accountId, sk: c.sdkKey, pn: c.projectName },
  });
  return `${baseUrl}/psfullstacksdk/updateprojectsettings?type=24&raw=${encodeURIComponent(raw)}`;
}

/**
 * Fetches settings, sending the last project version; `unchanged` for HTTP 304 or the same
 * `x-current-project-version`. Never throws.
 */
export async function fetchSettings(
  http: Http,
  url: string,
  lastVersion: string | undefined,
  timeout: number,
): Promise<FetchResult> {
  try {
    const headers: Record<string, string> = { accept: "application/json" };
    if (lastVersion !== undefined) headers["X-SDK-Project-Version"] = lastVersion;
    const res = await http.request(url, { method: "GET", headers, timeout });
    if (res.status === 304) return { kind: "unchanged" };
    if (res.status < 200 || res.status >= 300)
      return { kind: "failed", message: `HTTP ${res.status}` };
    const version = res.header("x-current-project-version") ?? undefined;
    if (version !== undefined && version === lastVersion) return { kind: "unchanged" };
    if (res.text.trim() === "") return { kind: "failed", message: "empty response" };
    let document: unknown;
    try {
      document = JSON.parse(res.text);
    } catch {
      return { kind: "failed", message: "the response is not JSON" };
    }
    return { kind: "document", document, version };
  } catch (error) {
    return { kind: "failed", message: error instanceof Error ? error.message : String(error) };
  }
}
