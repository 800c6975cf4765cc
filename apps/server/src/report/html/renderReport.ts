import type { ExperimentReport, GoalReport, VariationGoalStats } from "../types";
import { conversionChart } from "./chart";
import { type Html, html } from "./escapeHtml";
import { money, number, percent, pValue, signedPercent, statusLabel } from "./format";
import { layout } from "./layout";

/** The HTML report of one experiment. */
export function renderReport(report: ExperimentReport): string {
  const e = report.experiment;
  const level = percent(report.method.confidenceLevel, 0);
  const body = html`
<p><a href="/report">← All experiments</a></p>
<h1>${e.name}</h1>
<p class="meta muted"><span>key <code>${e.key}</code></span><span>status ${statusLabel(e.status)}</span><span>traffic ${number(e.permittedTraffic)}%</span>${e.environmentName ? html`<span>${e.environmentName}</span>` : ""}<span>settings v${report.settingsVersion}</span></p>
${splitNotice(report)}
<table class="summary"><thead><tr><th>Variation</th><th>Visitors</th></tr></thead><tbody>
${report.variations.map((v) => html`<tr><td>${v.name}${v.isOriginal ? html`<span class="badge">original</span>` : ""}</td><td>${number(v.visitors, 0)}</td></tr>`)}
</tbody></table>
${report.goals.length === 0 ? html`<p class="muted">No goals are linked to this experiment.</p>` : report.goals.map((g) => goalSection(g, level))}
<footer class="muted">
<p>Conversion rate = distinct converting visitors ÷ visitors; bars show it with its ${level} ${report.method.interval} interval, the dashed line is the original.
Significance: ${report.method.significance} of each variation against the original; "confidence" = 1 − p-value, significant when p &lt; ${number(1 - report.method.confidenceLevel)}.
Conversions count only users with a visit in the same variation${report.unattributedConversions > 0 ? html` (${number(report.unattributedConversions, 0)} goal events without one were left out)` : ""}.
${report.flaggedEvents.visits + report.flaggedEvents.goals > 0 ? html`${number(report.flaggedEvents.visits, 0)} visit and ${number(report.flaggedEvents.goals, 0)} goal events did not match the settings and are not counted.` : ""}</p>
<p>Generated ${report.generatedAt} · <a href="/api/report/${encodeURIComponent(e.key)}">JSON</a> · <a href="">Refresh</a></p>
</footer>`;
  return layout(e.name, body);
}

/** When the split changed during the test: which versions, what changed, what it means. */
function splitNotice(report: ExperimentReport): Html | string {
  if (report.trafficSplits.length < 2) return "";
  const steps = report.trafficSplits.map(
    (s) =>
      html`<li>settings v${s.version} (${s.loadedAt.slice(0, 16).replace("T", " ")} UTC): ${number(s.permittedTraffic)}% traffic, ${s.variations.map((v) => `${v.name} ${number(v.share)}`).join(" / ")}</li>`,
  );
  return html`<div class="notice"><p><strong>The traffic split changed during the test.</strong> Visitors bucketed under each split are counted together, so the variations' samples are not comparable over the whole period:</p><ul>${steps}</ul></div>`;
}

function goalSection(goal: GoalReport, level: string): Html {
  return html`<section class="goal">
<h2>${goal.name}${goal.isPrimary ? html`<span class="badge">primary goal</span>` : ""}</h2>
<p class="verdict">${verdict(goal, level)}</p>
${conversionChart(goal.variations, `Conversion rate of ${goal.name} per variation with ${level} intervals`)}
<div class="scroll"><table><thead><tr><th>Variation</th><th>Visitors</th><th>Converting visitors</th><th>Conversions</th><th>Conversion rate</th><th>${level} interval</th>${goal.hasRevenue ? html`<th>Revenue</th><th>Revenue / visitor</th>` : ""}<th>Uplift</th><th>Confidence</th><th>p-value</th></tr></thead>
<tbody>${goal.variations.map((s) => row(s, goal.hasRevenue))}</tbody></table></div>
</section>`;
}

/** One sentence saying what the goal's numbers mean. */
function verdict(goal: GoalReport, level: string): Html {
  const challengers = goal.variations.filter((s) => !s.isOriginal);
  const significant = challengers
    .filter((s) => s.significant)
    .sort((a, b) => (b.uplift ?? 0) - (a.uplift ?? 0));
  const best = significant[0];
  if (best) {
    const better = best.outcome === "win";
    return html`<span class="${better ? "win" : "lose"}">${best.variationName} ${better ? "beats" : "loses to"} the original</span>: ${signedPercent(best.uplift)} conversion rate, ${percent(best.confidence, 1)} confidence.`;
  }
  if (challengers.some((s) => s.pValue !== null))
    return html`No significant difference at ${level} yet: keep the test running.`;
  return html`Not enough data yet.`;
}

function row(s: VariationGoalStats, revenue: boolean): Html {
  const ci = s.conversionRateInterval;
  const verdict = s.outcome ?? "";
  return html`<tr>
<td>${s.variationName}${s.isOriginal ? html`<span class="badge">original</span>` : ""}</td>
<td>${number(s.visitors, 0)}</td><td>${number(s.converters, 0)}</td><td>${number(s.conversions, 0)}</td>
<td>${percent(s.conversionRate)}</td><td>${ci ? `${percent(ci[0], 1)} – ${percent(ci[1], 1)}` : "–"}</td>
${revenue ? html`<td>${money(s.revenue)}</td><td>${money(s.revenuePerVisitor)}</td>` : ""}
<td class="${verdict}">${s.isOriginal ? "baseline" : signedPercent(s.uplift)}</td>
<td class="${verdict}">${s.isOriginal ? "" : percent(s.confidence, 1)}${s.significant ? " ✓" : ""}</td>
<td>${s.isOriginal ? "" : pValue(s.pValue)}</td>
</tr>`;
}
