import { constantTimeEqual } from "@pagesense/core/internal";
import type { Handler } from "../context";
import { send, statusBody } from "../respond";

/** `type` of the settings request. */
export const SETTINGS_REQUEST_TYPE = "24";

/** The `fpqd` block: who asks for settings. */
interface SettingsQuery {
  a?: string;
  ai?: string;
  sk: string;
  pn: string;
}

function parseQuery(raw: string | null): SettingsQuery | string {
  if (raw === null || raw === "") return "raw is required";
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return "raw is not JSON";
  }
  const fpqd = (value as { fpqd?: unknown } | null)?.fpqd;
  if (typeof fpqd !== "object" || fpqd === null) return "raw.fpqd must be an object";
  const q = fpqd as Record<string, unknown>;
  if (typeof q.pn !== "string" || q.pn === "") return "raw.fpqd.pn (project name) is required";
  if (typeof q.sk !== "string" || q.sk === "") return "raw.fpqd.sk (SDK key) is required";
  return q as unknown as SettingsQuery;
}

/**
 * `GET /psfullstacksdk/updateprojectsettings?type=24&raw={"fpqd":{...}}`: the settings document
 * for the project named `pn` when `sk` is its SDK key. `X-SDK-Project-Version` equal to the
 * current version → 304; otherwise 200 with the document. Both carry `x-current-project-version`.
 */
export const settingsRoute: Handler = ({ req, res, url, app }) => {
  if (url.searchParams.get("type") !== SETTINGS_REQUEST_TYPE)
    return send(res, 400, statusBody(400, `type must be ${SETTINGS_REQUEST_TYPE}`));
  const query = parseQuery(url.searchParams.get("raw"));
  if (typeof query === "string") return send(res, 400, statusBody(400, query));
  const { version, settings } = app.settings.current;
  const project = settings.project;
  if (query.pn !== project.project_name) {
    app.logger.warn({ project: query.pn }, "settings requested for an unknown project");
    return send(res, 404, statusBody(404, `no project named "${query.pn}"`));
  }
  if (project.sdk_key !== undefined && !constantTimeEqual(query.sk, project.sdk_key)) {
    app.logger.warn({ project: query.pn }, "settings requested with a wrong SDK key");
    return send(res, 401, statusBody(401, "invalid SDK key"));
  }
  const headers = { "x-current-project-version": String(version) };
  const known = req.headers["x-sdk-project-version"];
  if (known === String(version)) {
    app.logger.debug({ project: query.pn, version }, "settings unchanged (304)");
    return send(res, 304, undefined, headers);
  }
  app.logger.info({ project: query.pn, version, sdkVersion: known ?? null }, "settings served");
  send(res, 200, settings.body, headers);
};
