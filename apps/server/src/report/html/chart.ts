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
  const { scale, step } = axis(max);
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
  // Digits the tick labels need: 0 for steps of 1% and more, 1 for 0.5%, ...
  const digits = Math.max(0, -Math.floor(Math.log10(step * 100) + 1e-9));
  const ticks = Array.from({ length: Math.round(scale / step) + 1 }, (_, i) => {
    const tx = (LABEL + ((i * step) / scale) * plot).toFixed(1);
    return html`<line x1="${tx}" x2="${tx}" y1="${TOP}" y2="${height - 20}" class="grid"/><text x="${tx}" y="${height - 6}" text-anchor="middle" class="tick">${percent(i * step, digits)}</text>`;
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

/**
 * The rate axis for values up to `max`: a round tick step (1, 2 or 5 × a power of ten, so labels
 * read 0%, 10%, 20%… or 0%, 0.5%, 1%…) giving at most 5 intervals, and the axis end, a multiple of
 * the step (at most 100%).
 */
export function axis(max: number): { scale: number; step: number } {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough - 1e-12) ?? 10 * power;
  const scale = Math.min(1, Math.ceil(max / step - 1e-9) * step);
  return { scale, step: Math.min(step, scale) };
}
