import { formatPrice, type Plan } from "../catalog";
import { FEATURED_VARIATION, layoutFor, PRICING_EXPERIMENT } from "../experiment";
import { html, jsonForScript, type SafeHtml } from "../html";
import { qaLink } from "../qaView";
import { renderPage } from "./layout";

/**
 * What the browser script needs to create its PageSense client: the server's settings document
 * and visitor id (no second fetch, the same user as the server), where to send events, and the
 * names to track.
 */
export interface BrowserBootstrap {
  settings: unknown;
  userId: string;
  baseUrl: string;
  experiment: string;
  signupGoal: string;
}

/** Inputs of the pricing page. */
export interface PricingPageInput {
  /** The visitor's `PricingTest` variation (`null`: not in the experiment → original layout). */
  variation: string | null;
  /** A QA view: `variation` was forced by a QA link; nothing is recorded. */
  qa?: boolean;
  plans: readonly Plan[];
  bootstrap: BrowserBootstrap;
  /** The local server's report pages: all experiments, and this one. */
  reportUrl: string;
  experimentReportUrl: string;
}

function buyForm(plan: Plan, label: string, qa: boolean): SafeHtml {
  return html`<form method="post" action="/buy">
      <input type="hidden" name="plan" value="${plan.id}">${
        qa
          ? html`
      <input type="hidden" name="qa" value="1">`
          : ""
      }
      <button type="submit" class="buy" data-plan="${plan.id}">${label}</button>
    </form>`;
}

function features(plan: Plan): SafeHtml {
  return html`<ul class="features">${plan.features.map((f) => html`<li>${f}</li>`)}</ul>`;
}

/** Original: every plan in an equal card, side by side. */
function sideBySide(plans: readonly Plan[], qa: boolean): SafeHtml {
  return html`<div class="plans side-by-side">
  ${plans.map(
    (plan) => html`<section class="plan" aria-labelledby="plan-${plan.id}">
    <h2 id="plan-${plan.id}">${plan.name}</h2>
    <p class="tagline">${plan.tagline}</p>
    <p class="price">${formatPrice(plan.price)}<span>/month</span></p>
    ${features(plan)}
    ${buyForm(plan, `Buy ${plan.name}`, qa)}
  </section>`,
  )}
</div>`;
}

/** Variation 1: the most expensive plan featured, the others as a compact line below it. */
function featured(plans: readonly Plan[], qa: boolean): SafeHtml {
  const top = plans[plans.length - 1]!;
  const others = plans.slice(0, -1);
  return html`<div class="plans featured">
  <section class="plan plan-featured" aria-labelledby="plan-${top.id}">
    <p class="ribbon">Most popular</p>
    <h2 id="plan-${top.id}">${top.name}</h2>
    <p class="tagline">${top.tagline}</p>
    <p class="price">${formatPrice(top.price)}<span>/month</span></p>
    ${features(top)}
    ${buyForm(top, `Buy ${top.name}`, qa)}
  </section>
  ${others.map(
    (plan) => html`<section class="plan plan-compact" aria-labelledby="plan-${plan.id}">
    <div>
      <h2 id="plan-${plan.id}">${plan.name} · ${formatPrice(plan.price)}/month</h2>
      <p class="tagline">${plan.tagline}: ${plan.features.join(", ")}</p>
    </div>
    ${buyForm(plan, `Buy ${plan.name}`, qa)}
  </section>`,
  )}
</div>`;
}

/**
 * The pricing page. Its layout depends on the visitor's `PricingTest` variation (decided on the
 * server); the free-trial button is tracked in the browser by `@pagesense/browser`, bootstrapped
 * from the JSON the page embeds.
 */
export function renderPricingPage(input: PricingPageInput): string {
  const layout = layoutFor(input.variation);
  const qa = input.qa === true;
  const qaNote = qa
    ? html`<p id="qa-banner" class="qa-banner">QA view: ${PRICING_EXPERIMENT} is forced to
  "${input.variation}" by this link. Nothing on this page is recorded.
  <a href="/pricing">Back to your own variation</a></p>
`
    : "";
  const main = html`${qaNote}<h1>Pricing that grows with you</h1>
<p class="lead">Every plan includes unlimited experiments and reports.</p>
${layout === "featured" ? featured(input.plans, qa) : sideBySide(input.plans, qa)}
<section class="trial">
  <h2>Not ready to buy?</h2>
  <p>Try any plan free for 14 days. No card needed.</p>
  <button type="button" id="signup-cta">Start a free trial</button>
  <p id="signup-note" class="note" hidden>Thanks! This click was recorded as the
    <code>SignupClicked</code> goal by the browser SDK.</p>
</section>
<aside class="pagesense-panel" aria-label="What PageSense decided">
  <h2>Behind the scenes</h2>
  <dl>
    <dt>Visitor id</dt><dd><code id="visitor-id">${input.bootstrap.userId}</code></dd>
    <dt>${PRICING_EXPERIMENT} (server)</dt><dd id="server-variation">${input.variation ?? "not in the experiment"}</dd>
    <dt>${PRICING_EXPERIMENT} (browser)</dt><dd id="browser-variation">loading…</dd>
  </dl>
  <p>
    <a href="${input.experimentReportUrl}">Open the ${PRICING_EXPERIMENT} report</a> ·
    <a href="/new-visitor">Be a new visitor</a>
  </p>
  <p class="qa-switch">QA: see <a id="see-variation-1" href="${qaLink(FEATURED_VARIATION)}">${FEATURED_VARIATION}</a>
    / <a id="see-original" href="${qaLink("Original")}">Original</a> (a QA link: not recorded)</p>
</aside>`;
  const tail = html`<script type="application/json" id="pagesense-bootstrap">${jsonForScript(input.bootstrap)}</script>
<script src="/assets/pagesense.global.js"></script>
<script src="/assets/pricing.js"></script>`;
  return renderPage({
    title: "Pricing",
    reportUrl: input.reportUrl,
    main,
    tail,
    data: { variation: input.variation ?? "", layout, qa: qa ? "1" : "" },
  });
}
