import type { VariationGoalStats } from "../types";
import { type Html, html, raw } from "./escapeHtml";
import { percent } from "./format";

const WIDTH = 560;
const ROW = 34;
const LABEL = 130;
const RIGHT = 70;
const TOP = 8;

/**
 * A horizontal SVG bar chart of the conversion rate per variation with its confidence interval as
 * a whisker; the original's rate is a dashed reference line. No script, no external library.
 */
export function conversionChart(stats: readonly VariationGoalStats[], title: string): Html {
  const max = Math.max(
    0.01,
    ...stats.map((s) => s.conversionRateInterval?.[1] ?? s.conversionRate ?? 0),
  );
  const scale = niceCeiling(max);
  const plot = WIDTH - LABEL - RIGHT;
  const x = (rate: number) => LABEL + (rate / scale) * plot;
  const height = TOP + stats.length * ROW + 24;
  const original = stats.find((s) => s.isOriginal);

  const rows = stats.map((s, i) => {
    const y = TOP + i * ROW;
    const rate = s.conversionRate ?? 0;
    const ci = s.conversionRateInterval;
    const fill = s.isOriginal
      ? "#8a94a6"
      : s.outcome === "win"
        ? "#2f9e44"
        : s.outcome === "lose"
          ? "#e03131"
          : "#4263eb";
    return html`<g>
      <text x="${LABEL - 8}" y="${y + 19}" text-anchor="end" class="label">${s.variationName}</text>
      <rect x="${LABEL}" y="${y + 6}" width="${Math.max(0, x(rate) - LABEL).toFixed(1)}" height="18" fill="${fill}" rx="2"><title>${s.variationName}: ${percent(s.conversionRate)}</title></rect>
      ${ci ? raw(whisker(x(ci[0]), x(ci[1]), y + 15)) : ""}
      <text x="${WIDTH - RIGHT + 6}" y="${y + 19}" class="value">${percent(s.conversionRate)}</text>
    </g>`;
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const tx = LABEL + f * plot;
    return html`<line x1="${tx}" x2="${tx}" y1="${TOP}" y2="${height - 20}" class="grid"/><text x="${tx}" y="${height - 6}" text-anchor="middle" class="tick">${percent(f * scale, 0)}</text>`;
  });
  const reference =
    original?.conversionRate != null
      ? html`<line x1="${x(original.conversionRate).toFixed(1)}" x2="${x(original.conversionRate).toFixed(1)}" y1="${TOP}" y2="${height - 20}" class="reference"/>`
      : "";
  return html`<svg class="chart" role="img" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${title}</title>${ticks}${rows}${reference}</svg>`;
}

function whisker(x1: number, x2: number, y: number): string {
  const a = x1.toFixed(1);
  const b = x2.toFixed(1);
  return `<path d="M${a} ${y - 5}V${y + 5}M${a} ${y}H${b}M${b} ${y - 5}V${y + 5}" class="ci"/>`;
}

/** Rounds an axis maximum up to 1, 2, 2.5 or 5 × a power of ten (capped at 100%). */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value) return Math.min(1, step * power);
  }
  return 1;
}
