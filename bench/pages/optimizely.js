// The minimal "create, activate, track" page with Optimizely (browser entry of the SDK).
import {
  createBatchEventProcessor,
  createInstance,
  createPollingProjectConfigManager,
} from "@optimizely/optimizely-sdk";

const visitorId = localStorage.getItem("vid") ?? crypto.randomUUID();
localStorage.setItem("vid", visitorId);
const attributes = { Browser: "Chrome", Device: "Desktop" };

const client = createInstance({
  projectConfigManager: createPollingProjectConfigManager({ sdkKey: "sdk-key", autoUpdate: false }),
  eventProcessor: createBatchEventProcessor(),
});
await client.onReady();
const user = client.createUserContext(visitorId, attributes);
const decision = user.decide("pricing_test");
document.body.dataset.variation = decision.variationKey ?? "none";
document.querySelector("#buy")?.addEventListener("click", () => {
  user.trackEvent("purchase_completed");
});
