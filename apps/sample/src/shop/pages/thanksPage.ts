import { formatPrice, type Plan } from "../catalog";
import { html } from "../html";
import { renderPage } from "./layout";

/** The page after a purchase (`POST /buy` redirects here). */
export function renderThanksPage(input: {
  plan: Plan;
  reportUrl: string;
  experimentReportUrl: string;
}): string {
  const { plan } = input;
  return renderPage({
    title: "Thank you",
    reportUrl: input.reportUrl,
    data: { plan: plan.id },
    main: html`<section class="thanks">
  <h1>Thank you for buying ${plan.name}</h1>
  <p>${formatPrice(plan.price)} was recorded as the revenue of a <code>PurchaseCompleted</code>
    conversion. It shows in the report once the shop has sent its events (within a second).</p>
  <p><a href="/pricing">Back to pricing</a> · <a href="${input.experimentReportUrl}">Open the report</a></p>
</section>`,
  });
}
