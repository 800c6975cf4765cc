import { toUserAgentAttributes, type UserAgentAttributes } from "@pagesense/core";
import Bowser from "bowser";

const cache = new Map<string, UserAgentAttributes>();
const CACHE_LIMIT = 500;
const MAX_USER_AGENT_LENGTH = 1024;

/**
 * The `Browser`, `OS` and `Device` attributes for a User-Agent header, in the fixed vocabulary of
 * `@pagesense/core` (anything unrecognised, or a missing header, gives `"Other"`). Parsing uses
 * bowser; results are cached for the most recent distinct user agents.
 */
export function userAgentAttributes(userAgent: string | undefined): UserAgentAttributes {
  if (typeof userAgent !== "string" || userAgent === "") return toUserAgentAttributes({});
  const ua =
    userAgent.length > MAX_USER_AGENT_LENGTH
      ? userAgent.slice(0, MAX_USER_AGENT_LENGTH)
      : userAgent;
  const hit = cache.get(ua);
  if (hit) return hit;
  let attributes: UserAgentAttributes;
  try {
    const parsed = Bowser.parse(ua);
    attributes = Object.freeze(
      toUserAgentAttributes({
        browser: parsed.browser.name,
        os: parsed.os.name,
        device: parsed.platform.type,
      }),
    );
  } catch {
    attributes = toUserAgentAttributes({});
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(ua, attributes);
  return attributes;
}
