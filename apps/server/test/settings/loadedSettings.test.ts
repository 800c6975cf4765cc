import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS_FILE, parseSettings } from "../../src";
import { fingerprint } from "../../src/settings/LoadedSettings";

describe("settings content hash", () => {
  const text = readFileSync(DEFAULT_SETTINGS_FILE, "utf8");
  // The hash stored in settings_versions by every earlier release: SHA-256 of the compact JSON.
  const stored = createHash("sha256")
    .update(JSON.stringify(JSON.parse(text)))
    .digest("hex");

  it("is the SHA-256 of the document's compact JSON, whatever the file's whitespace", () => {
    expect(parseSettings(text).sha256).toBe(stored);
    expect(fingerprint(text)).toBe(stored);
    expect(fingerprint(JSON.stringify(JSON.parse(text), null, 4))).toBe(stored);
  });

  it("hashes a file that is not JSON as is", () => {
    expect(fingerprint("{ not json")).toBe(createHash("sha256").update("{ not json").digest("hex"));
  });
});
