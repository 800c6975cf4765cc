// The minimal "create, activate, track" page with @pagesense/browser (its README's usage).
import { createClient } from "@pagesense/browser";

const client = await createClient({
  accountId: "abcd1234-US",
  sdkKey: "sdk-key",
  projectName: "Shop",
});
const variation = await client.visitor.activateExperiment("PricingTest");
document.body.dataset.variation = variation ?? "none";
document.querySelector("#buy")?.addEventListener("click", () => {
  client.visitor.trackGoal("PricingTest", "PurchaseCompleted");
});
