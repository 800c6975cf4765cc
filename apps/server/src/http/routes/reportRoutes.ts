import { buildReport, listExperiments } from "../../report/buildReport";
import { renderIndex, renderNotFound } from "../../report/html/renderIndex";
import { renderReport } from "../../report/html/renderReport";
import type { Handler } from "../context";
import { send, sendHtml, statusBody } from "../respond";

/** `GET /report`: the list of experiments. */
export const reportIndexPage: Handler = ({ res, app }) => {
  const { version, catalog } = app.settings.current;
  sendHtml(
    res,
    200,
    renderIndex(catalog.project.project_name, version, listExperiments(catalog, app.reports)),
  );
};

/** `GET /report/:experiment` (key, name or link name): one experiment's report page. */
export const reportPage: Handler = ({ res, params, app }) => {
  const { version, catalog } = app.settings.current;
  const experiment = catalog.findExperiment(params.experiment ?? "");
  if (!experiment)
    return sendHtml(
      res,
      404,
      renderNotFound(`No experiment "${params.experiment}" in the settings.`),
    );
  sendHtml(res, 200, renderReport(buildReport(experiment, app.reports, version, app.history)));
};

/** `GET /api/report`: the list of experiments as JSON. */
export const reportIndexApi: Handler = ({ res, app }) => {
  const { version, catalog } = app.settings.current;
  send(res, 200, {
    project: catalog.project.project_name,
    settingsVersion: version,
    experiments: listExperiments(catalog, app.reports),
  });
};

/** `GET /api/report/:experiment` (key, name or link name): one experiment's report as JSON. */
export const reportApi: Handler = ({ res, params, app }) => {
  const { version, catalog } = app.settings.current;
  const experiment = catalog.findExperiment(params.experiment ?? "");
  if (!experiment)
    return send(res, 404, statusBody(404, `no experiment "${params.experiment}" in the settings`));
  send(res, 200, buildReport(experiment, app.reports, version, app.history));
};
