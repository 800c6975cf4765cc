import { describe, expect, it } from "vitest";
import { MemoryUserStorage } from "../../src/storage/UserStorage";

describe("MemoryUserStorage", () => {
  it("returns undefined for an unknown user", () => {
    expect(new MemoryUserStorage().lookup("nobody")).toBeUndefined();
  });

  it("keeps one profile per user id, replaced by later saves", () => {
    const storage = new MemoryUserStorage();
    storage.save({ userId: "u1", experiments: { EXP1: "V0" } });
    storage.save({ userId: "u2", experiments: { EXP1: "V1" } });
    storage.save({ userId: "u1", experiments: { EXP1: "V1", EXP2: "V0" } });
    expect(storage.size).toBe(2);
    expect(storage.lookup("u1")).toEqual({ userId: "u1", experiments: { EXP1: "V1", EXP2: "V0" } });
    expect(storage.lookup("u2")).toEqual({ userId: "u2", experiments: { EXP1: "V1" } });
  });

  it("stores a copy, so later changes to the saved object do not leak in", () => {
    const storage = new MemoryUserStorage();
    const profile = { userId: "u", experiments: { EXP1: "V0" } as Record<string, string> };
    storage.save(profile);
    profile.experiments.EXP1 = "V9";
    profile.experiments.EXP2 = "V1";
    expect(storage.lookup("u")).toEqual({ userId: "u", experiments: { EXP1: "V0" } });
  });

  it("does not confuse user ids with Object.prototype keys", () => {
    const storage = new MemoryUserStorage();
    expect(storage.lookup("__proto__")).toBeUndefined();
    expect(storage.lookup("toString")).toBeUndefined();
    storage.save({ userId: "__proto__", experiments: { E: "V" } });
    expect(storage.lookup("__proto__")).toEqual({ userId: "__proto__", experiments: { E: "V" } });
  });
});
