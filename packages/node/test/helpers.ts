import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FakePageSense } from "@pagesense/testing";

/** A fresh temporary folder; `cleanup()` removes it. */
export async function tempDir(): Promise<{ path: string; cleanup(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), "pagesense-node-"));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** Client options pointing at the fake server's example project (spec section 8). */
export function serverOptions(server: FakePageSense) {
  return {
    accountId: "demo-US",
    sdkKey: "sdk-demo",
    projectName: "Shop",
    baseUrl: server.url,
  };
}

/** Attributes that qualify for the example experiment's audience. */
export const chrome = { Browser: "Chrome" };
