import { type FakePageSense, startPageSenseServer } from "@pagesense/testing";
import { afterEach, beforeEach } from "vitest";
import type { TestApp } from "./app";

/** The fake PageSense server of the current test, and the Nest app it starts (closed after it). */
export interface NestRig {
  server: FakePageSense;
  app: TestApp | undefined;
}

/**
 * Starts a fake PageSense server before each test of the file and, after each, closes the app the
 * test put in `rig.app` and then the server.
 */
export function useNestRig(): NestRig {
  const rig = { app: undefined } as NestRig;
  beforeEach(async () => {
    rig.server = await startPageSenseServer();
  });
  afterEach(async () => {
    await rig.app?.close();
    rig.app = undefined;
    await rig.server.close();
  });
  return rig;
}
