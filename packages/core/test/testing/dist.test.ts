import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// The published build, through the package's own exports map (run after `build`).
const require = createRequire(import.meta.url);

describe("@pagesense/core/testing as published", () => {
  it("gives a TestClient that is the main entry's PageSenseClient, in ESM", async () => {
    const core = await import("@pagesense/core");
    const testing = await import("@pagesense/core/testing");
    const client = await testing.createTestClient({ variations: { PricingTest: "Variation 1" } });
    expect(client).toBeInstanceOf(core.WebhookClient); // what createClient returns
    expect(client).toBeInstanceOf(core.PageSenseClient);
    expect(client.forUser("u1")).toBeInstanceOf(core.UserContext);
    expect(await client.activateExperiment("PricingTest", "u1")).toBe("Variation 1");
    expect(client.visits("PricingTest")).toHaveLength(1);
  });

  it("and in CommonJS", async () => {
    const core = require("@pagesense/core") as typeof import("@pagesense/core");
    const testing = require("@pagesense/core/testing") as typeof import("@pagesense/core/testing");
    const client = await testing.createTestClient({ variations: { PricingTest: "Original" } });
    expect(client).toBeInstanceOf(core.PageSenseClient);
    expect(await client.forUser("u1").activateExperiment("PricingTest")).toBe("Original");
  });
});
