import {
  exampleSettings,
  type FakePageSense,
  RecordingLogger,
  startPageSenseServer,
} from "@pagesense/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigurationError, createClient, type NodeClientOptions } from "../src";
import { shutdownRegistry } from "../src/shutdown/ShutdownRegistry";
import { chrome, serverOptions } from "./helpers";

const counts = () => ({
  SIGTERM: process.listenerCount("SIGTERM"),
  SIGINT: process.listenerCount("SIGINT"),
  beforeExit: process.listenerCount("beforeExit"),
});

let server: FakePageSense;
let baseline: ReturnType<typeof counts>;
beforeEach(async () => {
  server = await startPageSenseServer();
  baseline = counts();
});
afterEach(async () => {
  await shutdownRegistry.closeAll();
  await server.close();
});

describe("signal handling (in process)", () => {
  it("adds one set of process listeners for any number of clients, removed with the last", async () => {
    const clients = await Promise.all(
      Array.from({ length: 12 }, () =>
        createClient({ settings: exampleSettings(), logLevel: "OFF" }),
      ),
    );
    expect(counts()).toEqual({
      SIGTERM: baseline.SIGTERM + 1,
      SIGINT: baseline.SIGINT + 1,
      beforeExit: baseline.beforeExit + 1,
    });
    expect(shutdownRegistry.size).toBe(12);
    await Promise.all(clients.slice(1).map((c) => c.close()));
    expect(counts().SIGTERM).toBe(baseline.SIGTERM + 1);
    await clients[0]!.close();
    expect(counts()).toEqual(baseline);
    expect(shutdownRegistry.size).toBe(0);
  });

  it("adds no listener with handleSignals: false", async () => {
    const client = await createClient({
      settings: exampleSettings(),
      handleSignals: false,
      logLevel: "OFF",
    });
    expect(counts()).toEqual(baseline);
    expect(shutdownRegistry.size).toBe(0);
    await client.close();
  });

  it("closing all clients (what a signal does) delivers their queued events", async () => {
    const client = await createClient({
      ...serverOptions(server),
      flushInterval: 60_000,
      logLevel: "OFF",
    });
    for (const user of ["a", "b", "c"])
      await client.activateExperiment("PricingTest", user, chrome);
    expect(server.visits).toHaveLength(0);
    await shutdownRegistry.closeAll();
    expect(server.visits.map((v) => v.userId).sort()).toEqual(["a", "b", "c"]);
    expect(client.isReady()).toBe(false);
    expect(counts()).toEqual(baseline);
  });

  it("close() is shared: a second call waits for the same drain", async () => {
    const client = await createClient({
      ...serverOptions(server),
      flushInterval: 60_000,
      logLevel: "OFF",
    });
    await client.activateExperiment("PricingTest", "u", chrome);
    const first = client.close();
    const second = client.close();
    await second;
    expect(server.visits).toHaveLength(1);
    await first;
  });

  it("rejects invalid options with the core's ConfigurationError and watches nothing", async () => {
    await expect(createClient({ sdkKey: "k" })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(createClient(null as unknown as NodeClientOptions)).rejects.toThrow(
      /options object/,
    );
    expect(shutdownRegistry.size).toBe(0);
    expect(counts()).toEqual(baseline);
  });

  it("warns about a non-boolean handleSignals and keeps the default", async () => {
    const logger = new RecordingLogger();
    const client = await createClient({
      settings: exampleSettings(),
      logger,
      handleSignals: "yes" as unknown as boolean,
    });
    expect(logger.text()).toContain('option handleSignals "yes" is not a boolean; using true');
    expect(shutdownRegistry.size).toBe(1);
    await client.close();
  });
});
