import { describe, expect, it } from "vitest";
import { toPayloads } from "../../src/events/payloads";
import type { ActivateNotification } from "../../src/notifications/types";
import { testClient } from "../fixtures/client";
import { experiment, specExample } from "../fixtures/settings";

describe("visit events", () => {
  it("activateExperiment queues one visit in the spec's wire shape (section 6)", async () => {
    const { client, sink } = await testClient(specExample());
    // EXP1_user-1 hashes to bucket 6432: "Variation 1" (V1) at 50/50.
    expect(
      await client.activateExperiment("PricingTest", "user-1", { Browser: "Chrome", OS: "Linux" }),
    ).toBe("Variation 1");
    expect(sink.events).toStrictEqual([
      {
        kind: "visit",
        userId: "user-1",
        record: {
          a: "demo",
          b: "EXP1",
          c: "V1",
          p: "P1",
          ek: "ENV1",
          lk: 1,
          fsca: [
            { ln: "Browser", v: "Chrome" },
            { ln: "OS", v: "Linux" },
          ],
        },
      },
    ]);
    expect(JSON.stringify(toPayloads(sink.events))).toBe(
      '[{"kind":"visit","userId":"user-1","body":{"furd":{"f":"user-1"},"fvrd":[{"a":"demo","b":"EXP1","c":"V1","p":"P1","ek":"ENV1","lk":1,"fsca":[{"ln":"Browser","v":"Chrome"},{"ln":"OS","v":"Linux"}]}]}}]',
    );
  });

  it("sends an empty fsca without attributes", async () => {
    const { client, sink } = await testClient({ experiments: [experiment("E")] });
    await client.activateExperiment("E", "u");
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]!.record.fsca).toEqual([]);
    expect(sink.events[0]!.record.b).toBe("E-KEY");
    expect(sink.events[0]!.record.lk).toBe(1);
  });

  it("sends numbers and booleans as strings and leaves other attribute values out", async () => {
    const { client, sink } = await testClient({ experiments: [experiment("E")] });
    const attributes = {
      age: 42,
      vip: true,
      tags: ["a"],
      nested: { x: 1 },
      nothing: null,
      name: "Ann",
    };
    // biome-ignore lint/suspicious/noExplicitAny: attributes of mixed types, as JavaScript callers pass them
    await client.activateExperiment("E", "u", attributes as any);
    expect(sink.events[0]!.record.fsca).toEqual([
      { ln: "age", v: "42" },
      { ln: "vip", v: "true" },
      { ln: "name", v: "Ann" },
    ]);
  });

  it("sends no visit for getVariationName, decide, or a null activation", async () => {
    const { client, sink } = await testClient({
      experiments: [experiment("E"), experiment("Off", { permitted_traffic: 0 })],
    });
    await client.getVariationName("E", "u");
    await client.decide("E", "u");
    await client.activateExperiment("Off", "u");
    await client.activateExperiment("Missing", "u");
    expect(sink.events).toEqual([]);
  });

  it("sends one visit per activation (repeat calls repeat visits)", async () => {
    const { client, sink } = await testClient({ experiments: [experiment("E")] });
    await client.activateExperiment("E", "u");
    await client.activateExperiment("E", "u");
    expect(sink.events).toHaveLength(2);
  });

  it("groups records of the same user into one request body", async () => {
    const { client, sink } = await testClient({
      experiments: [experiment("A"), experiment("B")],
    });
    await client.activateExperiment("A", "u1");
    await client.activateExperiment("B", "u1");
    await client.activateExperiment("A", "u2");
    const payloads = toPayloads(sink.events);
    expect(payloads.map((p) => [p.kind, p.userId])).toEqual([
      ["visit", "u1"],
      ["visit", "u2"],
    ]);
    const first = payloads[0]!.body as { fvrd: Array<{ b: string }> };
    expect(first.fvrd.map((r) => r.b)).toEqual(["A-KEY", "B-KEY"]);
  });

  it("notifies activate listeners, and a throwing listener breaks nothing", async () => {
    const { client, sink, logger } = await testClient(specExample());
    const seen: ActivateNotification[] = [];
    client.on("activate", () => {
      throw new Error("listener bug");
    });
    const off = client.on("activate", (n) => seen.push(n));
    expect(await client.activateExperiment("PricingTest", "user-1", { Browser: "Chrome" })).toBe(
      "Variation 1",
    );
    expect(seen).toEqual([
      {
        experimentName: "PricingTest",
        userId: "user-1",
        variationName: "Variation 1",
        variationKey: "V1",
        attributes: { Browser: "Chrome" },
      },
    ]);
    expect(sink.events).toHaveLength(1);
    expect(logger.matching('"activate" listener threw: listener bug')).toHaveLength(1);
    off();
    await client.activateExperiment("PricingTest", "user-1", { Browser: "Chrome" });
    expect(seen).toHaveLength(1);
  });
});
