/** The two event endpoints. */
export type EventKind = "visit" | "goal";

/** An endpoint of the protocol: its path and the `type` query parameter it requires. */
export interface Endpoint {
  readonly path: string;
  readonly type: string;
}

/** `GET {base}/psfullstacksdk/updateprojectsettings?type=24&raw=<url-encoded JSON>`. */
export const SETTINGS_ENDPOINT: Endpoint = {
  path: "/psfullstacksdk/updateprojectsettings",
  type: "24",
};

/** The visit (`type=22`) and goal (`type=23`) endpoints. */
export const EVENT_ENDPOINTS: Readonly<Record<EventKind, Endpoint>> = {
  visit: { path: "/psfullstacksdk/trackvisitor", type: "22" },
  goal: { path: "/psfullstacksdk/trackgoal", type: "23" },
};

/** Request header: the settings version the caller holds. */
export const PROJECT_VERSION_HEADER = "x-sdk-project-version";

/** Response header: the settings version served (on 200 and 304). */
export const CURRENT_VERSION_HEADER = "x-current-project-version";

/** Which endpoint a request path names, or undefined for none. */
export function endpointOf(pathname: string): "settings" | EventKind | undefined {
  if (pathname === SETTINGS_ENDPOINT.path) return "settings";
  if (pathname === EVENT_ENDPOINTS.visit.path) return "visit";
  if (pathname === EVENT_ENDPOINTS.goal.path) return "goal";
  return undefined;
}
