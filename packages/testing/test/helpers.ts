import type { FakePageSense } from "../src";

/** The `raw` settings query for the spec's example project. */
export const exampleQuery = { fpqd: { a: "demo", ai: "demo-US", sk: "sdk-demo", pn: "Shop" } };

/** GETs the settings endpoint of `server` with `query` as `raw` and optional project version. */
export function getSettings(
  server: FakePageSense,
  query: unknown = exampleQuery,
  version?: string,
  signal?: AbortSignal,
): Promise<Response> {
  const raw = encodeURIComponent(JSON.stringify(query));
  return fetch(`${server.url}/psfullstacksdk/updateprojectsettings?type=24&raw=${raw}`, {
    headers: version === undefined ? {} : { "X-SDK-Project-Version": version },
    signal,
  });
}

/** A valid visit record. */
export const visitRecord = {
  a: "demo",
  b: "EXP1",
  c: "V1",
  p: "P1",
  ek: "ENV1",
  lk: 1,
  fsca: [{ ln: "Browser", v: "Chrome" }],
};

/** A valid goal record with revenue. */
export const goalRecord = { ...visitRecord, gln: "purchase", ipl: true, rv: 19.99 };

/** POSTs `body` as JSON to the visit endpoint. */
export function postVisit(
  server: FakePageSense,
  body: unknown,
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(`${server.url}/psfullstacksdk/trackvisitor?type=22`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
}

/** POSTs `body` as JSON to the goal endpoint. */
export function postGoal(server: FakePageSense, body: unknown): Promise<Response> {
  return fetch(`${server.url}/psfullstacksdk/trackgoal?type=23`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}
