import type { GoalRecord, VisitRecord } from "@pagesense/protocol";
import type { ExperimentReport } from "../../src";

/** The `raw` of a settings request for the bundled project. */
export function settingsRaw(overrides: { pn?: string; sk?: string } = {}): string {
  return JSON.stringify({
    fpqd: { a: "demo", ai: "demo-US", sk: overrides.sk ?? "sdk-demo", pn: overrides.pn ?? "Shop" },
  });
}

/** GET the settings like an SDK, optionally sending the version it holds. */
export function fetchSettings(
  base: string,
  version?: string,
  overrides: { pn?: string; sk?: string } = {},
): Promise<Response> {
  const url = `${base}/psfullstacksdk/updateprojectsettings?type=24&raw=${encodeURIComponent(settingsRaw(overrides))}`;
  return fetch(url, { headers: version === undefined ? {} : { "X-SDK-Project-Version": version } });
}

/** A visit record of the bundled PricingTest. */
export function visitRecord(variation = "V0", extra: Partial<VisitRecord> = {}): VisitRecord {
  return {
    a: "demo",
    b: "EXP1",
    c: variation,
    p: "P1",
    ek: "ENV1",
    lk: 1,
    fsca: [{ ln: "Browser", v: "Chrome" }],
    ...extra,
  };
}

/** A goal record of the bundled PricingTest. */
export function goalRecord(
  variation: string,
  goal: "purchase" | "signup" | string,
  revenue?: number,
  extra: Partial<GoalRecord> = {},
): GoalRecord {
  return {
    ...visitRecord(variation),
    gln: goal,
    ipl: goal === "purchase",
    ...(revenue === undefined ? {} : { rv: revenue }),
    ...extra,
  };
}

const PATHS = { visit: "trackvisitor?type=22", goal: "trackgoal?type=23" } as const;

/** POSTs an event body as JSON. */
export function postEvent(base: string, kind: "visit" | "goal", body: unknown): Promise<Response> {
  return fetch(`${base}/psfullstacksdk/${PATHS[kind]}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Sends an event body as GET `raw=` (the iOS SDK's form). */
export function getEvent(base: string, kind: "visit" | "goal", body: unknown): Promise<Response> {
  const raw = encodeURIComponent(typeof body === "string" ? body : JSON.stringify(body));
  return fetch(`${base}/psfullstacksdk/${PATHS[kind]}&raw=${raw}`);
}

/** POSTs one user's visit records; fails the test on a non-200. */
export async function visit(base: string, user: string, ...records: VisitRecord[]): Promise<void> {
  const res = await postEvent(base, "visit", { furd: { f: user }, fvrd: records });
  if (res.status !== 200)
    throw new Error(`visit for ${user}: HTTP ${res.status} ${await res.text()}`);
}

/** POSTs one user's goal records; fails the test on a non-200. */
export async function goal(base: string, user: string, ...records: GoalRecord[]): Promise<void> {
  const res = await postEvent(base, "goal", { furd: { f: user }, fgrd: records });
  if (res.status !== 200)
    throw new Error(`goal for ${user}: HTTP ${res.status} ${await res.text()}`);
}

/** A PageSense-style status body. */
export interface StatusBody {
  status_code: string;
  status_string: string;
  [extra: string]: unknown;
}

/** Reads a response body as JSON of the type the test expects. */
export async function json<T>(res: Response | Promise<Response>): Promise<T> {
  return (await (await res).json()) as T;
}

/** The report of one experiment. */
export function fetchReport(base: string, experiment = "EXP1"): Promise<ExperimentReport> {
  return json<ExperimentReport>(fetch(`${base}/api/report/${encodeURIComponent(experiment)}`));
}
