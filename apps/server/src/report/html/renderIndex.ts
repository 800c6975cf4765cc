import type { ExperimentListItem } from "../types";
import { html } from "./escapeHtml";
import { number, statusLabel } from "./format";
import { layout } from "./layout";

/** The experiment list page (`/report`). */
export function renderIndex(
  projectName: string,
  settingsVersion: number,
  experiments: readonly ExperimentListItem[],
): string {
  const body = html`
<h1>${projectName}</h1>
<p class="muted">PageSense local server · settings v${settingsVersion}</p>
${
  experiments.length === 0
    ? html`<p>The settings file holds no experiments.</p>`
    : html`<table><thead><tr><th>Experiment</th><th>Key</th><th>Status</th><th>Visitors</th><th>Primary goal</th></tr></thead><tbody>
${experiments.map(
  (e) =>
    html`<tr><td><a href="/report/${encodeURIComponent(e.key)}">${e.name}</a></td><td><code>${e.key}</code></td><td>${statusLabel(e.status)}</td><td>${number(e.visitors, 0)}</td><td>${e.primaryGoal ?? "–"}</td></tr>`,
)}
</tbody></table>`
}`;
  return layout(projectName, body);
}

/** A small HTML error page. */
export function renderNotFound(message: string): string {
  return layout(
    "Not found",
    html`<p><a href="/report">← All experiments</a></p><h1>Not found</h1><p>${message}</p>`,
  );
}
