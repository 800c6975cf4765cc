import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitFor } from "@pagesense/testing";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { watchFile } from "../../src/settings/watchFile";

describe("watchFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "pagesense-watch-"));
  const file = join(dir, "settings.json");
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("notices an edit through fs.watch alone (no polling)", async () => {
    writeFileSync(file, "a");
    let calls = 0;
    stop = watchFile(file, () => calls++, { debounceMs: 10, pollIntervalMs: 0 });
    writeFileSync(file, "b");
    await waitFor(() => calls > 0);
  });

  it("notices an edit through polling alone (file systems where fs.watch is silent)", async () => {
    writeFileSync(file, "a");
    let calls = 0;
    stop = watchFile(file, () => calls++, { debounceMs: 10, pollIntervalMs: 25, fsWatch: false });
    await new Promise((r) => setTimeout(r, 60));
    expect(calls).toBe(0);
    writeFileSync(file, "bb");
    await waitFor(() => calls > 0);
  });

  it("debounces a burst of writes into one call and stops when asked", async () => {
    writeFileSync(file, "a");
    let calls = 0;
    stop = watchFile(file, () => calls++, { debounceMs: 150, pollIntervalMs: 0 });
    for (let i = 0; i < 5; i++) writeFileSync(file, `burst ${i}`);
    await waitFor(() => calls > 0);
    await new Promise((r) => setTimeout(r, 250));
    expect(calls).toBe(1);
    stop();
    writeFileSync(file, "after stop");
    await new Promise((r) => setTimeout(r, 250));
    expect(calls).toBe(1);
  });
});
