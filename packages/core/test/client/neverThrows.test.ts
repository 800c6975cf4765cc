import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { WebhookClient } from "../../src/client/WebhookClient";
import { testClient } from "../fixtures/client";
import { experiment, goal } from "../fixtures/settings";

const settings = {
  goals: [goal("Buy", "buy")],
  experiments: [experiment("E", { goals: [{ goal_link_name: "buy", is_primary_goal: true }] })],
};

// biome-ignore lint/suspicious/noExplicitAny: the point is calling with arbitrary JavaScript values
type Loose = any;

/** An object whose every read throws. */
const getterThrows = () =>
  Object.defineProperty({}, "Browser", {
    enumerable: true,
    get() {
      throw new Error("getter exploded");
    },
  });

/** A Proxy whose ownKeys trap throws. */
const keysThrow = () =>
  new Proxy(
    {},
    {
      ownKeys() {
        throw new Error("ownKeys exploded");
      },
    },
  );

/** A revoked Proxy: any operation on it throws. */
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

class Visitor {
  Browser = "Chrome";
}

/** Plain objects that throw when read: refused, or the operation gives null, when they are read. */
const unreadable: Array<[string, () => unknown]> = [
  ["a getter that throws", getterThrows],
  ["a Proxy whose ownKeys throws", keysThrow],
];

/** Values that are not plain objects: refused as INVALID_INPUT wherever they are given. */
const notPlain: Array<[string, () => unknown]> = [
  ["a revoked Proxy", revoked],
  ["a Uint8Array(100000)", () => new Uint8Array(100_000)],
  ["an array", () => ["Chrome"]],
  ["a class instance", () => new Visitor()],
  ["a Map", () => new Map([["Browser", "Chrome"]])],
  ["a Date", () => new Date(0)],
];

const hostile = [...unreadable, ...notPlain];

/**
 * Runs `call` and fails if it throws synchronously; the promise it gives must resolve.
 * Gives the resolved value.
 */
async function neverThrows(call: () => unknown): Promise<unknown> {
  let result: unknown;
  expect(() => {
    result = call();
  }).not.toThrow();
  expect(result).toBeInstanceOf(Promise);
  return await (result as Promise<unknown>);
}

/** Every operation on the client and on a user context, with `attributes`. */
function operations(client: WebhookClient, attributes: unknown): Array<() => unknown> {
  const c = client as Loose;
  const user = () => c.forUser("u1", attributes);
  return [
    () => c.activateExperiment("E", "u1", attributes),
    () => c.getVariationName("E", "u1", attributes),
    () => c.decide("E", "u1", attributes),
    () => c.trackGoal("E", "u1", "Buy", attributes),
    () => c.trackGoal("E", "u1", "Buy", 10, attributes),
    () => user().activateExperiment("E"),
    () => user().getVariationName("E"),
    () => user().decide("E"),
    () => user().trackGoal("E", "Buy"),
    () => user().with({ Browser: "Chrome" }).activateExperiment("E"),
    () => c.forUser("u1", { OS: "Linux" }).with(attributes).decide("E"),
    () => c.forUser("u1", { OS: "Linux" }).activateExperiment("E", attributes),
    () => c.forUser("u1", { OS: "Linux" }).trackGoal("E", "Buy", attributes),
  ];
}

describe("nothing throws into the host", () => {
  it.each(notPlain)(
    "attributes that are %s: every operation resolves null or nothing, nothing is sent",
    async (_what, make) => {
      const { client, sink, logger } = await testClient(settings);
      for (const call of operations(client, make())) {
        const result = await neverThrows(call);
        if (result !== undefined && typeof result === "object" && result !== null)
          expect(result).toMatchObject({ variationName: null });
        else expect(result ?? null).toBeNull();
      }
      expect(sink.events).toEqual([]);
      expect(logger.at("ERROR").length).toBeGreaterThan(0);
    },
  );

  it.each(unreadable)(
    "attributes that are %s: no operation throws, rejects or sends anything",
    async (_what, make) => {
      const { client, sink } = await testClient(settings);
      for (const call of operations(client, make())) await neverThrows(call);
      expect(sink.events).toEqual([]);
    },
  );

  it("refuses attributes that are not plain objects as INVALID_INPUT, saying what they are", async () => {
    const { client, logger } = await testClient(settings);
    expect(await client.decide("E", "u1", new Uint8Array(100_000) as never)).toMatchObject({
      reason: "INVALID_INPUT",
    });
    expect(await client.decide("E", "u1", new Visitor() as never)).toMatchObject({
      reason: "INVALID_INPUT",
    });
    expect(await client.decide("E", "u1", revoked() as never)).toMatchObject({
      reason: "INVALID_INPUT",
    });
    expect(logger.matching("INVALID_INPUT", "got Uint8Array object")).toHaveLength(1);
    expect(logger.matching("INVALID_INPUT", "got Visitor object")).toHaveLength(1);
    expect(logger.matching("INVALID_INPUT", "got unreadable")).toHaveLength(1);
    // Plain objects from any realm and null-prototype objects are fine.
    const bare = Object.assign(Object.create(null), { Browser: "Chrome" });
    expect((await client.decide("E", "u1", bare)).reason).toBe("BUCKETED");
  });

  it("a user context whose merged attributes cannot be read gives INVALID_INPUT with the reason", async () => {
    const { client, logger } = await testClient(settings);
    const d = await client.forUser("u1", getterThrows() as never).decide("E", { OS: "Linux" });
    expect(d.reason).toBe("INVALID_INPUT");
    expect(logger.matching("INVALID_INPUT", "unreadable (getter exploded)")).toHaveLength(1);
  });

  it("on() with a name that is not a notification logs and returns a no-op unsubscribe", async () => {
    const { client, logger } = await testClient(settings);
    for (const name of ["__proto__", "constructor", "toString", "", "activate "]) {
      let off: unknown;
      expect(() => {
        off = client.on(name as never, () => {});
      }).not.toThrow();
      expect(() => (off as () => void)()).not.toThrow();
    }
    expect(() => client.on("activate", "not a function" as never)).not.toThrow();
    expect(logger.matching("not a notification")).toHaveLength(5);
    expect(logger.matching("the listener must be a function")).toHaveLength(1);
    // Real notifications still work.
    const seen: string[] = [];
    client.on("activate", (n) => seen.push(n.variationName));
    await client.activateExperiment("E", "u1");
    expect(seen).toHaveLength(1);
  });

  it("fuzzed arguments and attributes: no synchronous throw, no rejection", async () => {
    const { client } = await testClient(settings);
    // Hostile values are made inside the property (fast-check cannot clone a revoked Proxy).
    const value = fc.oneof(
      fc.anything().map((v) => () => v),
      fc.constantFrom(...hostile.map(([, make]) => make)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          "activateExperiment",
          "getVariationName",
          "decide",
          "trackGoal",
          "context",
          "with",
          "on",
          "setForcedVariation",
          "getForcedVariation",
        ),
        fc.array(value, { maxLength: 5 }),
        async (op, makers) => {
          const args = makers.map((make) => make());
          const c = client as Loose;
          let result: unknown;
          expect(() => {
            if (op === "context") result = c.forUser(args[0], args[1]).activateExperiment("E");
            else if (op === "with") result = c.forUser("u1", args[0]).with(args[1]).decide("E");
            else if (op === "on") result = c.on(args[0], args[1]);
            else result = c[op](...args);
          }).not.toThrow();
          if (result instanceof Promise) await result; // rejects → the property fails
        },
      ),
      { numRuns: 1500, seed: 17 },
    );
  });
});
