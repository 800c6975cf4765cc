import { describe, expect, it } from "vitest";
import type { WebhookClient } from "../../src/client/WebhookClient";
import { testClient } from "../fixtures/client";
import { and, audience, experiment, goal, leaf } from "../fixtures/settings";
import { bucketOf } from "../fixtures/users";

const settings = {
  audiences: [
    audience("proto", and(leaf("__proto__", 1, ["admin"]))),
    audience("chrome", and(leaf("Browser", 1, ["Chrome"]))),
  ],
  goals: [goal("Buy", "buy")],
  experiments: [
    experiment("E", {
      experiment_key: "K",
      goals: [{ goal_link_name: "buy", is_primary_goal: true }],
    }),
    experiment("Proto", { audiences: [{ audience_link_name: "proto" }] }),
    experiment("Chrome", {
      audiences: [{ audience_link_name: "chrome" }],
      goals: [{ goal_link_name: "buy", is_primary_goal: true }],
    }),
  ],
};

// biome-ignore lint/suspicious/noExplicitAny: the point is calling with arbitrary JavaScript values
type Loose = any;

const junk: unknown[] = [
  undefined,
  null,
  0,
  42,
  Number.NaN,
  true,
  "",
  {},
  [],
  ["E"],
  { toString: () => "E" },
  () => "E",
  Symbol("E"),
  new Date(0),
  123n,
];

/** Valid attributes (issue 17): absent, or a plain object (not an array, Date, class instance...). */
const plainOrAbsent = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype);

/** Calls every operation with `args`: each must return a promise that resolves. */
async function everyOperation(client: WebhookClient, args: unknown[]): Promise<unknown[]> {
  const c = client as Loose;
  const calls = [
    () => c.activateExperiment(...args),
    () => c.getVariationName(...args),
    () => c.decide(...args),
    () => c.trackGoal(...args),
    () => c.forUser(args[1], args[2]).activateExperiment(args[0]),
  ];
  const results: unknown[] = [];
  for (const call of calls) {
    let promise: unknown;
    expect(() => {
      promise = call();
    }).not.toThrow();
    expect(promise).toBeInstanceOf(Promise);
    results.push(await (promise as Promise<unknown>));
  }
  return results;
}

describe("never throws", () => {
  it("resolves to null / undefined for junk arguments in every position", async () => {
    const { client, sink } = await testClient(settings);
    for (const value of junk) {
      for (const args of [
        [value, "user-1", { a: "b" }],
        ["E", value, { a: "b" }],
        ["E", "user-1", value],
        [value, value, value, value, value],
        [],
      ]) {
        const [activate, variation, decision, track, viaContext] = await everyOperation(
          client,
          args,
        );
        if (args[0] === "E" && args[1] === "user-1" && plainOrAbsent(value)) {
          // Attributes that are a plain object (or absent) are valid: the E experiment is for everyone.
          expect(typeof activate).toBe("string");
          continue;
        }
        expect(activate, `activate ${String(args.map((a) => typeof a))}`).toBeNull();
        expect(variation).toBeNull();
        expect((decision as { variationName: unknown }).variationName).toBeNull();
        expect(track).toBeUndefined();
        expect(viaContext).toBeNull();
      }
    }
    // Only the valid calls queued visits.
    expect(sink.events.every((e) => e.kind === "visit" && e.userId === "user-1")).toBe(true);
  });

  it("trackGoal survives junk revenue and attribute positions", async () => {
    const { client, sink } = await testClient(settings);
    const c = client as Loose;
    const attributesOk = plainOrAbsent;
    const revenueOk = (v: unknown) => typeof v === "number" && Number.isFinite(v);
    let expected = 0;
    for (const value of junk) {
      await expect(c.trackGoal("E", "user-1", "Buy", value)).resolves.toBeUndefined();
      if (revenueOk(value) || attributesOk(value)) expected++;
      await expect(c.trackGoal("E", "user-1", "Buy", 5, value)).resolves.toBeUndefined();
      if (attributesOk(value)) expected++;
      await expect(c.trackGoal("E", "user-1", value)).resolves.toBeUndefined();
      await expect(c.trackGoal("E", value, "Buy")).resolves.toBeUndefined();
      await expect(c.trackGoal(value, "user-1", "Buy")).resolves.toBeUndefined();
    }
    expect(expected).toBeGreaterThan(0);
    expect(sink.events).toHaveLength(expected);
    for (const e of sink.events) expect(e).toMatchObject({ kind: "goal", userId: "user-1" });
  });

  it("attributes with a __proto__ key (from JSON) are plain data, not a prototype", async () => {
    const { client, sink } = await testClient(settings);
    const attributes = JSON.parse('{"__proto__":"admin","Browser":"Chrome"}');
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect((await client.decide("Proto", "user-1", attributes)).reason).toBe("BUCKETED");
    expect(
      (await client.decide("Proto", "user-1", JSON.parse('{"__proto__":"user"}'))).reason,
    ).toBe("AUDIENCE_MISMATCH");
    expect(await client.activateExperiment("Chrome", "user-1", attributes)).not.toBeNull();
    expect(sink.events[0]!.record.fsca).toEqual([
      { ln: "__proto__", v: "admin" },
      { ln: "Browser", v: "Chrome" },
    ]);
    const polluting = JSON.parse('{"__proto__":{"Browser":"Chrome","polluted":"yes"}}');
    expect((await client.decide("Chrome", "user-1", polluting)).reason).toBe("AUDIENCE_MISMATCH");
    await client.activateExperiment("E", "user-1", polluting);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).Browser).toBeUndefined();
  });

  it("attributes inheriting values from a prototype do not match (not a plain object: refused)", async () => {
    const { client } = await testClient(settings);
    const inherited = Object.assign(Object.create({ Browser: "Chrome" }), { other: "x" });
    expect((await client.decide("Chrome", "user-1", inherited)).reason).toBe("INVALID_INPUT");
  });

  it("handles 10 000 attributes", async () => {
    const { client, sink } = await testClient(settings);
    const attributes: Record<string, string> = {};
    for (let i = 0; i < 10_000; i++) attributes[`attr${i}`] = `value${i}`;
    attributes.Browser = "Chrome";
    expect((await client.decide("Chrome", "user-1", attributes)).reason).toBe("BUCKETED");
    expect(await client.activateExperiment("Chrome", "user-1", attributes)).not.toBeNull();
    expect(sink.events[0]!.record.fsca).toHaveLength(10_001);
    await client.trackGoal("Chrome", "user-1", "Buy", 1, attributes);
    expect(sink.events).toHaveLength(2);
  });

  it("handles a 1 MB user id: bucketed like any other, logged truncated", async () => {
    const { client, logger } = await testClient(settings, { logLevel: "TRACE" });
    const userId = `u${"x".repeat(1024 * 1024)}`;
    const d = await client.decide("E", userId);
    expect(d.reason).toBe("BUCKETED");
    expect(d.bucket).toBe(bucketOf("K", userId));
    expect(await client.activateExperiment("E", userId)).toBe(d.variationName);
    expect(await client.getVariationName("E", userId)).toBe(d.variationName);
    expect(await client.decide("E", `${userId}y`)).toMatchObject({
      bucket: bucketOf("K", `${userId}y`),
    });
    // A small id still hashes right after the big one (the hasher's buffer is reset).
    expect((await client.decide("E", "user-1")).bucket).toBe(bucketOf("K", "user-1"));
    expect(Math.max(...logger.lines.map((l) => l.message.length))).toBeLessThan(1000);
  });

  it("handles a 1 MB experiment name: not found, logged truncated", async () => {
    const { client, logger } = await testClient(settings);
    const name = "E".repeat(1024 * 1024);
    expect((await client.decide(name, "user-1")).reason).toBe("EXPERIMENT_NOT_FOUND");
    expect(await client.activateExperiment(name, "user-1", { Browser: "Chrome" })).toBeNull();
    await expect(client.trackGoal(name, "user-1", "Buy")).resolves.toBeUndefined();
    await expect(client.trackGoal("E", "user-1", name)).resolves.toBeUndefined();
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(Math.max(...logger.lines.map((l) => l.message.length))).toBeLessThan(1000);
  });

  it("attributes whose getters throw resolve to null, never reject", async () => {
    const { client, sink } = await testClient(settings);
    const hostile = {
      get Browser(): string {
        throw new Error("getter exploded");
      },
    };
    await expect(client.activateExperiment("Chrome", "user-1", hostile)).resolves.toBeNull();
    await expect(client.getVariationName("Chrome", "user-1", hostile)).resolves.toBeNull();
    await expect(client.trackGoal("Chrome", "user-1", "Buy", hostile)).resolves.toBeUndefined();
    const d = await client.decide("Chrome", "user-1", hostile);
    expect(d.variationName).toBeNull();
    expect(sink.events).toEqual([]);
  });

  it("a Proxy that throws on every trap resolves to null, never rejects", async () => {
    const { client } = await testClient(settings);
    const trap = () => {
      throw new Error("trap");
    };
    const proxy = new Proxy(
      {},
      { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap },
    ) as Record<string, string>;
    await expect(client.activateExperiment("E", "user-1", proxy)).resolves.toBeNull();
    await expect(client.getVariationName("Chrome", "user-1", proxy)).resolves.toBeNull();
    await expect(client.trackGoal("Chrome", "user-1", "Buy", proxy)).resolves.toBeUndefined();
    await expect(client.decide("Chrome", "user-1", proxy)).resolves.toMatchObject({
      variationName: null,
    });
  });

  it("user ids and attribute values with unusual characters are bucketed and reported as given", async () => {
    const { client, sink } = await testClient(settings);
    for (const userId of ["ünïcode", "😀", "\u0000", "a\ud800b", " ", "\n", "x".repeat(300)]) {
      const d = await client.decide("E", userId);
      expect(d.reason).toBe("BUCKETED");
      expect(d.bucket).toBe(bucketOf("K", userId));
      await client.activateExperiment("E", userId, { "": "", "😀": "\u0000" });
      expect(sink.events.at(-1)!.userId).toBe(userId);
      expect(sink.events.at(-1)!.record.fsca).toEqual([
        { ln: "", v: "" },
        { ln: "😀", v: "\u0000" },
      ]);
    }
  });
});
