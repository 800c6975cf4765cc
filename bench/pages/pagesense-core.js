// The minimal "create, activate, track" page with @pagesense/core (used when @pagesense/browser is not built).
import { createClient } from "@pagesense/core";

const visitorId = localStorage.getItem("vid") ?? crypto.randomUUID();
localStorage.setItem("vid", visitorId);
const attributes = { Browser: "Chrome", Device: "Desktop" };

const client = await createClient({
  accountId: "abcd1234-US",
  sdkKey: "sdk-key",
  projectName: "Shop",
});
const variation = await client.activateExperiment("PricingTest", visitorId, attributes);
document.body.dataset.variation = variation ?? "none";
document.querySelector("#buy")?.addEventListener("click", () => {
  client.trackGoal("PricingTest", visitorId, "PurchaseCompleted", attributes);
});
