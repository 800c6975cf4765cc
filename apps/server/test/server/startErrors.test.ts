import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useSandbox } from "../support/server";

describe("startServer start-up errors", () => {
  const sandbox = useSandbox();

  it("rejects bad options with one clear message", async () => {
    await expect(sandbox.start({ port: 70000 })).rejects.toThrow(
      "port must be an integer 0..65535, got 70000",
    );
    await expect(sandbox.start({ webhookUrl: "not a url", webhookToken: "t" })).rejects.toThrow(
      "webhookUrl is not a URL: not a url",
    );
    await expect(sandbox.start({ webhookRetryInterval: -1 })).rejects.toThrow(
      "webhookRetryInterval must be a number of milliseconds >= 0, got -1",
    );
  });

  it("names a missing settings file", async () => {
    const missing = join(sandbox.dir, "nope.json");
    await expect(sandbox.start({ settings: missing })).rejects.toThrow(
      `cannot read the settings file ${missing}: ENOENT`,
    );
  });

  it("says when the port is taken, and the running server is unaffected", async () => {
    const first = await sandbox.start();
    await expect(sandbox.start({ port: first.port })).rejects.toThrow(
      new RegExp(`cannot listen on 127\\.0\\.0\\.1:${first.port}: .*EADDRINUSE`),
    );
    expect((await fetch(`${first.url}/health`)).status).toBe(200);
  });

  it("says when the data directory cannot be used", async () => {
    // A file where the directory should be.
    await expect(sandbox.start({ data: sandbox.settingsFile })).rejects.toThrow(
      /cannot open the database in .*settings\.json/,
    );
  });
});
