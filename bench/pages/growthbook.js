// The minimal "create, activate, track" page with GrowthBook. GrowthBook has no goal API: the
// impression goes out through trackingCallback and the conversion through the page's own beacon,
// as GrowthBook's docs show with an analytics tool.
import { GrowthBook } from "@growthbook/growthbook";

const visitorId = localStorage.getItem("vid") ?? crypto.randomUUID();
localStorage.setItem("vid", visitorId);
const send = (body) =>
  navigator.sendBeacon("https://collect.example.com/events", JSON.stringify(body));

const gb = new GrowthBook({
  apiHost: "https://cdn.growthbook.io",
  clientKey: "sdk-key",
  attributes: { id: visitorId, Browser: "Chrome", Device: "Desktop" },
  trackingCallback: (experiment, result) =>
    send({ visitorId, experiment: experiment.key, variation: result.key }),
});
await gb.init();
const variation = gb.getFeatureValue("pricing-test", null);
document.body.dataset.variation = variation ?? "none";
document.querySelector("#buy")?.addEventListener("click", () => {
  send({ visitorId, goal: "purchase_completed" });
});
