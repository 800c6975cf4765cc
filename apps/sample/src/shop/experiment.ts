/**
 * The experiment and goals the shop uses, as named in the PageSense project (the local server's
 * default settings: `PricingTest` with `Original` / `Variation 1`, goals `PurchaseCompleted` and
 * `SignupClicked`). Names, not keys: PageSense SDKs are called with names.
 */
export const PRICING_EXPERIMENT = "PricingTest";

/** Converted server-side by `POST /buy`, with the plan's price as revenue. */
export const PURCHASE_GOAL = "PurchaseCompleted";

/** Converted in the browser by `@pagesense/browser` when the free-trial button is clicked. */
export const SIGNUP_GOAL = "SignupClicked";

/**
 * The local PageSense server's report pages: `reportUrl` lists every experiment,
 * `experimentReportUrl` shows {@link PRICING_EXPERIMENT}'s figures and charts.
 */
export function reportUrls(pagesenseUrl: string): {
  reportUrl: string;
  experimentReportUrl: string;
} {
  const base = pagesenseUrl.replace(/\/+$/, "");
  return {
    reportUrl: `${base}/report`,
    experimentReportUrl: `${base}/report/${encodeURIComponent(PRICING_EXPERIMENT)}`,
  };
}

/** The variation that shows the "featured plan" layout; anything else shows the original one. */
export const FEATURED_VARIATION = "Variation 1";

/** The two layouts of the pricing page. */
export type PricingLayout = "side-by-side" | "featured";

/** Which layout a variation gets: `null` (not in the experiment, PageSense down) → the original. */
export function layoutFor(variation: string | null): PricingLayout {
  return variation === FEATURED_VARIATION ? "featured" : "side-by-side";
}
