import { pagesense } from "@pagesense/express";
import { DEFAULT_COOKIE_NAME, type Logger, type WebhookClient } from "@pagesense/node";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { BROWSER_BUNDLE_DIR, PUBLIC_DIR } from "../paths";
import { findPlan, PLANS } from "./catalog";
import { PRICING_EXPERIMENT, PURCHASE_GOAL, reportUrls, SIGNUP_GOAL } from "./experiment";
import { renderErrorPage } from "./pages/errorPage";
import { renderPricingPage } from "./pages/pricingPage";
import { renderThanksPage } from "./pages/thanksPage";
import { securityHeaders } from "./securityHeaders";

/** Options of {@link createShopApp}. */
export interface ShopOptions {
  /** The server-side PageSense client (`createClient` from `@pagesense/node`). */
  client: WebhookClient;
  /** Base URL of the PageSense server: the browser SDK sends its events there. */
  pagesenseUrl: string;
  /** Where the PageSense middleware logs its own problems (default: the console). */
  logger?: Logger;
}

/**
 * The demo shop as an Express 5 app:
 * - `GET /pricing`: the layout depends on `PricingTest` (activated server-side, a visit event);
 * - `POST /buy`: converts `PurchaseCompleted` server-side with the plan's price as revenue;
 * - the pricing page's free-trial button converts `SignupClicked` in the browser, with
 *   `@pagesense/browser` created from the settings and visitor id this server embeds;
 * - `GET /new-visitor`: forgets the visitor cookie, to see the other layout.
 */
export function createShopApp(options: ShopOptions): Express {
  const { client } = options;
  const pagesenseUrl = options.pagesenseUrl.replace(/\/+$/, "");
  // The report linked from every page's header, and the experiment's own report (figures and
  // charts), linked after a decision or a purchase.
  const { reportUrl, experimentReportUrl } = reportUrls(pagesenseUrl);

  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders(new URL(pagesenseUrl).origin));
  app.use("/assets", express.static(PUBLIC_DIR, { index: false }));
  // The browser SDK's script-tag build, straight from the installed @pagesense/browser.
  app.get(["/assets/pagesense.global.js", "/assets/pagesense.global.js.map"], (req, res) => {
    res.sendFile(req.path.slice("/assets/".length), { root: BROWSER_BUNDLE_DIR });
  });

  // Every route below gets req.pagesense: the visitor (cookie id) with Browser/OS/Device.
  app.use(pagesense({ client, ...(options.logger ? { logger: options.logger } : {}) }));

  app.get("/", (_req, res) => res.redirect("/pricing"));

  app.get("/pricing", async (req, res) => {
    const variation = await req.pagesense.activateExperiment(PRICING_EXPERIMENT);
    res.set("cache-control", "no-store"); // the page is per visitor
    res.type("html").send(
      renderPricingPage({
        variation,
        plans: PLANS,
        reportUrl,
        experimentReportUrl,
        bootstrap: {
          settings: client.getSettings(),
          userId: req.pagesense.userId,
          baseUrl: pagesenseUrl,
          experiment: PRICING_EXPERIMENT,
          signupGoal: SIGNUP_GOAL,
        },
      }),
    );
  });

  app.post("/buy", express.urlencoded({ extended: false, limit: "4kb" }), async (req, res) => {
    const plan = findPlan(req.body?.plan);
    if (!plan) {
      res
        .status(400)
        .type("html")
        .send(
          renderErrorPage({
            title: "Unknown plan",
            message: "That plan does not exist. Please pick one on the pricing page.",
            reportUrl,
          }),
        );
      return;
    }
    // At the moment of conversion; the price comes from the catalog, never from the form.
    await req.pagesense.trackGoal(PRICING_EXPERIMENT, PURCHASE_GOAL, plan.price);
    res.redirect(303, `/thanks?plan=${encodeURIComponent(plan.id)}`);
  });

  app.get("/thanks", (req, res) => {
    const plan = findPlan(req.query.plan);
    if (!plan) {
      res.redirect("/pricing");
      return;
    }
    res.type("html").send(renderThanksPage({ plan, reportUrl, experimentReportUrl }));
  });

  app.get("/new-visitor", (_req, res) => {
    // The `pagesense()` middleware's visitor cookie (its default name).
    res.clearCookie(DEFAULT_COOKIE_NAME, { path: "/" });
    res.redirect("/pricing");
  });

  app.use((_req, res) => {
    res
      .status(404)
      .type("html")
      .send(
        renderErrorPage({
          title: "Page not found",
          message: "There is nothing at this address.",
          reportUrl,
        }),
      );
  });

  // Express 5 forwards rejected handlers here; PageSense itself never throws.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error("shop: request failed:", error);
    if (res.headersSent) return;
    res
      .status(500)
      .type("html")
      .send(
        renderErrorPage({ title: "Something went wrong", message: "Please try again.", reportUrl }),
      );
  });

  return app;
}
