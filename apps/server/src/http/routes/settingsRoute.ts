import { constantTimeEqual } from "@pagesense/core";
import {
  CURRENT_VERSION_HEADER,
  PROJECT_VERSION_HEADER,
  parseSettingsRequest,
} from "@pagesense/protocol";
import type { Handler } from "../context";
import { send, statusBody } from "../respond";

/**
 * `GET /psfullstacksdk/updateprojectsettings?type=24&raw={"fpqd":{...}}`: the settings document
 * for the project named `pn` when `sk` is its SDK key (request checked by `@pagesense/protocol`'s
 * `parseSettingsRequest`). `X-SDK-Project-Version` equal to the
 * current version → 304; otherwise 200 with the document. Both carry `x-current-project-version`.
 */
export const settingsRoute: Handler = ({ req, res, url, app }) => {
  const parsed = parseSettingsRequest(url.searchParams);
  if (!parsed.ok) return send(res, 400, statusBody(400, parsed.error));
  const { query } = parsed;
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
  const headers = { [CURRENT_VERSION_HEADER]: String(version) };
  const known = req.headers[PROJECT_VERSION_HEADER];
  if (known === String(version)) {
    app.logger.debug({ project: query.pn, version }, "settings unchanged (304)");
    return send(res, 304, undefined, headers);
  }
  app.logger.info({ project: query.pn, version, sdkVersion: known ?? null }, "settings served");
  send(res, 200, settings.body, headers);
};
