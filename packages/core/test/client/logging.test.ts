import { afterEach, describe, expect, it, vi } from "vitest";
import { createClient } from "../../src/client/createClient";
import { MemoryEventSink } from "../../src/events/MemoryEventSink";
import type { Logger } from "../../src/logging/logger";
import { testClient } from "../fixtures/client";
import { RecordingLogger } from "../fixtures/logger";
import { and, audience, experiment, goal, leaf, specExample } from "../fixtures/settings";
import { findUser } from "../fixtures/users";

const settings = {
  audiences: [audience("chrome", and(leaf("Browser", 1, ["Chrome"])))],
  goals: [goal("Buy", "buy")],
  experiments: [
    experiment("Half", {
      experiment_key: "HALF",
      permitted_traffic: 50,
      goals: [{ goal_link_name: "buy", is_primary_goal: true }],
    }),
    experiment("Chrome", { audiences: [{ audience_link_name: "chrome" }] }),
    experiment("Paused", { experiment_status: 3 }),
    experiment("Web", { experiment_type: 1 }),
  ],
};

describe("client logging", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("tells a custom logger why a user got null, naming experiment, user and reason", async () => {
    const { client, logger } = await testClient(settings, { logLevel: "DEBUG" });
    const out = findUser("HALF", (b) => b >= 5000);
    await client.getVariationName("Half", out);
    await client.getVariationName("Chrome", "user-7", { Browser: "Edge" });
    await client.getVariationName("Chrome", "user-8");
    await client.getVariationName("Paused", "user-9");
    await client.getVariationName("Web", "user-10");
    await client.getVariationName("Ghost", "user-11");
    expect(logger.matching('"Half"', `"${out}"`, "OUT_OF_TRAFFIC (bucket ")).toHaveLength(1);
    expect(logger.matching('"Chrome"', '"user-7"', "AUDIENCE_MISMATCH")).toHaveLength(1);
    expect(logger.matching('"Chrome"', '"user-8"', "NO_ATTRIBUTES")).toHaveLength(1);
    expect(logger.matching('"Paused"', '"user-9"', "EXPERIMENT_NOT_RUNNING")).toHaveLength(1);
    expect(logger.matching('"Web"', '"user-10"', "NOT_FULLSTACK")).toHaveLength(1);
    expect(logger.matching('"Ghost"', '"user-11"', "EXPERIMENT_NOT_FOUND")).toHaveLength(1);
  });

  it("logs activations and conversions at DEBUG", async () => {
    const { client, logger } = await testClient(settings, { logLevel: "DEBUG" });
    const inside = findUser("HALF", (b) => b < 5000);
    const name = await client.activateExperiment("Half", inside);
    await client.trackGoal("Half", inside, "Buy");
    expect(logger.at("DEBUG")).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`("Half", user "${inside}"): "${name}"; visit queued`),
        expect.stringContaining(`("Half", user "${inside}"): goal "Buy" ("${name}") queued`),
      ]),
    );
  });

  it("filters by level: WARNING hides INFO and DEBUG, OFF hides everything", async () => {
    const warn = await testClient(settings, { logLevel: "WARNING" });
    await warn.client.getVariationName("Paused", "u"); // INFO
    await warn.client.getVariationName("Chrome", "u", { Browser: "Edge" }); // DEBUG
    await warn.client.getVariationName("Ghost", "u"); // WARNING
    await warn.client.getVariationName("", "u"); // ERROR
    expect(warn.logger.lines.map((l) => l.level)).toEqual(["WARNING", "ERROR"]);

    const off = await testClient(settings, { logLevel: "OFF" });
    await off.client.getVariationName("Ghost", "u");
    await off.client.getVariationName("", "u");
    await off.client.trackGoal("Half", "u", "Buy", Number.NaN);
    expect(off.logger.lines).toEqual([]);
  });

  it("accepts log levels case-insensitively", async () => {
    const { client, logger } = await testClient(settings, { logLevel: "error" as "ERROR" });
    await client.getVariationName("Ghost", "u");
    await client.getVariationName("", "u");
    expect(logger.lines.map((l) => l.level)).toEqual(["ERROR"]);
  });

  it("logs the effective configuration once, at INFO, on start", async () => {
    const { client, logger } = await testClient(specExample(), { logLevel: "INFO" });
    const started = logger.lines.filter((l) => l.message.startsWith("client started"));
    expect(started).toHaveLength(1);
    expect(started[0]!.level).toBe("INFO");
    expect(started[0]!.message).toContain('project "Shop"');
    expect(started[0]!.message).toContain("log INFO");
    expect(started[0]!.message).toContain("(custom logger)");
    // One short line, no JSON dump of the options.
    expect(started[0]!.message.length).toBeLessThan(200);
    expect(started[0]!.message).not.toContain("{");
    await client.activateExperiment("PricingTest", "u", { Browser: "Chrome" });
    await client.getVariationName("PricingTest", "u", { Browser: "Chrome" });
    expect(logger.lines.filter((l) => l.message.startsWith("client started"))).toHaveLength(1);
  });

  it("falls back to INFO with a warning for an invalid logLevel", async () => {
    const { client, logger } = await testClient(settings, {
      logLevel: "LOUD" as "INFO",
    });
    expect(logger.at("WARNING")).toContain('option logLevel "LOUD" is not a log level; using INFO');
    expect(logger.matching("client started", "log INFO")).toHaveLength(1);
    await client.getVariationName("Chrome", "u", { Browser: "Edge" }); // DEBUG: filtered at INFO
    await client.getVariationName("Paused", "u"); // INFO: kept
    expect(logger.at("DEBUG")).toEqual([]);
    expect(logger.matching('"Paused"', "EXPERIMENT_NOT_RUNNING")).toHaveLength(1);
  });

  it("falls back to the console with a warning for a logger without log()", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const client = await createClient({
      settings: specExample() as never,
      logger: { write: () => {} } as unknown as Logger,
      eventSink: new MemoryEventSink(),
    });
    expect(warn).toHaveBeenCalledWith(
      "[PageSense] WARNING option logger object is not an object with log(); using the console",
    );
    const started = info.mock.calls.map(([line]) => String(line));
    expect(started.some((l) => l.includes("client started") && !l.includes("custom logger"))).toBe(
      true,
    );
    await client.getVariationName("Missing", "u");
    expect(warn.mock.calls.some(([line]) => String(line).includes('"Missing"'))).toBe(true);
  });

  it("a throwing custom logger never breaks createClient or any operation", async () => {
    let calls = 0;
    const throwing: Logger = {
      log() {
        calls++;
        throw new Error("logger exploded");
      },
    };
    const { client, sink } = await testClient(settings, { logger: throwing, logLevel: "TRACE" });
    const inside = findUser("HALF", (b) => b < 5000);
    expect(await client.activateExperiment("Half", inside)).not.toBeNull();
    await expect(client.trackGoal("Half", inside, "Buy", 5)).resolves.toBeUndefined();
    expect(await client.getVariationName("", "u")).toBeNull();
    expect((await client.decide("Ghost", "u")).reason).toBe("EXPERIMENT_NOT_FOUND");
    await expect(client.trackGoal("Half", "u", "Buy", Number.NaN)).resolves.toBeUndefined();
    expect(sink.events.map((e) => e.kind)).toEqual(["visit", "goal"]);
    expect(calls).toBeGreaterThan(5);
  });

  it("a logger whose log() throws a non-Error value is survived too", async () => {
    const logger = new RecordingLogger();
    const weird: Logger = {
      log(level, message) {
        logger.log(level, message);
        throw Symbol("weird");
      },
    };
    const { client } = await testClient(settings, { logger: weird });
    expect(await client.getVariationName("Ghost", "u")).toBeNull();
    expect(logger.matching('"Ghost"')).toHaveLength(1);
  });
});
