import { type FakePageSense, startPageSenseServer } from "@pagesense/testing";
import { afterEach, beforeEach } from "vitest";
import type { TestApp } from "./app";

/**
 * The current test's fake PageSense server and the Nest app the test starts. {@link start} runs
 * before each test and {@link stop} after it (see {@link useNestRig}).
 */
export class NestRig {
  #server: FakePageSense | undefined;
  /** The Nest app the test put here; closed by {@link stop}. */
  app: TestApp | undefined;

  /** The current test's fake PageSense server. */
  get server(): FakePageSense {
    if (!this.#server) throw new Error("NestRig: no server outside a test (start())");
    return this.#server;
  }

  /** Starts a fake PageSense server for the test. */
  async start(): Promise<void> {
    this.#server = await startPageSenseServer();
  }

  /** Closes the test's app, then its server. */
  async stop(): Promise<void> {
    const app = this.app;
    const server = this.#server;
    this.app = undefined;
    this.#server = undefined;
    await app?.close();
    await server?.close();
  }
}

/**
 * A {@link NestRig} for the calling test file: a fake PageSense server started before each test
 * and, after each, the app the test put in `rig.app` closed, then the server.
 */
export function useNestRig(): NestRig {
  const rig = new NestRig();
  beforeEach(() => rig.start());
  afterEach(() => rig.stop());
  return rig;
}
