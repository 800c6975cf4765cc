import { describe, expect, it } from "vitest";
import type { UserAttributes } from "../../src/audience/attributes";
import { testClient } from "../fixtures/client";
import { and, audience, experiment, goal, leaf } from "../fixtures/settings";

const settings = {
  audiences: [
    audience("chromeIN", and(leaf("Browser", 1, ["Chrome"]), leaf("country", 1, ["IN"]))),
  ],
  goals: [goal("Buy", "buy")],
  experiments: [
    experiment("E", {
      audiences: [{ audience_link_name: "chromeIN" }],
      goals: [{ goal_link_name: "buy", is_primary_goal: true }],
    }),
  ],
};

describe("UserContext", () => {
  it("binds the user id and merges per-call attributes over its own", async () => {
    const { client, sink } = await testClient(settings);
    const user = client.forUser("user-1", { Browser: "Chrome" });
    expect(user.userId).toBe("user-1");
    expect((await user.decide("E")).reason).toBe("AUDIENCE_MISMATCH");
    const expected = await client.getVariationName("E", "user-1", {
      Browser: "Chrome",
      country: "IN",
    });
    expect(expected).not.toBeNull();
    expect(await user.getVariationName("E", { country: "IN" })).toBe(expected);
    expect(await user.with({ country: "IN" }).activateExperiment("E")).toBe(expected);
    expect(await user.activateExperiment("E", { country: "IN", Browser: "Edge" })).toBeNull();
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]!.record.fsca).toEqual([
      { ln: "Browser", v: "Chrome" },
      { ln: "country", v: "IN" },
    ]);
  });

  it("rejects invalid per-call attributes whether or not the context has its own", async () => {
    const { client } = await testClient(settings);
    for (const user of [
      client.forUser("user-1"),
      client.forUser("user-1", { Browser: "Chrome" }),
    ]) {
      for (const bad of ["IN", ["IN"]] as unknown as UserAttributes[]) {
        expect(await user.decide("E", bad)).toMatchObject({ reason: "INVALID_INPUT" });
      }
    }
  });

  it("tracks goals with or without a revenue", async () => {
    const { client, sink } = await testClient(settings);
    const user = client.forUser("user-1", { Browser: "Chrome", country: "IN" });
    await user.trackGoal("E", "Buy");
    await user.trackGoal("E", "Buy", 20);
    await user.trackGoal("E", "Buy", 30, { plan: "pro" });
    await user.trackGoal("E", "Buy", { country: "US" });
    expect(sink.events.map((e) => ("rv" in e.record ? e.record.rv : null))).toEqual([null, 20, 30]);
    expect(sink.events[2]!.record.fsca).toContainEqual({ ln: "plan", v: "pro" });
  });

  it("never throws for bad per-call attributes", async () => {
    const { client } = await testClient(settings);
    const user = client.forUser("user-1");
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong argument type
    expect((await user.decide("E", 5 as any)).reason).toBe("INVALID_INPUT");
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong argument type
    expect(await user.getVariationName("E", ["x"] as any)).toBeNull();
  });
});
