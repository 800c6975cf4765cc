import { describe, expect, it } from "vitest";
import { readRows } from "../support/database";
import { fetchReport, goal, goalRecord, visit, visitRecord } from "../support/protocol";
import { useSandbox } from "../support/server";

describe("persistence", () => {
  const sandbox = useSandbox();

  it("keeps every accepted event across a restart, and keeps counting after it", async () => {
    const first = await sandbox.start();
    await visit(first.url, "alice", visitRecord("V0"));
    await visit(first.url, "bob", visitRecord("V1"));
    await goal(first.url, "bob", goalRecord("V1", "purchase", 25));
    await first.close();
    // WAL mode: the database file and its journal live in the data directory.
    expect(readRows(sandbox.dataDir, "visits").map((r) => r.user_id)).toEqual(["alice", "bob"]);

    const second = await sandbox.start();
    const before = await fetchReport(second.url);
    expect(before.variations.map((v) => v.visitors)).toEqual([1, 1]);
    expect(before.goals[0]!.variations[1]).toMatchObject({ converters: 1, revenue: 25 });

    await visit(second.url, "carol", visitRecord("V0"));
    const after = await fetchReport(second.url);
    expect(after.variations.map((v) => v.visitors)).toEqual([2, 1]);
    expect(readRows(sandbox.dataDir, "visits")).toHaveLength(3);
    expect(readRows(sandbox.dataDir, "goals")).toHaveLength(1);
  });

  it("uses WAL journaling", async () => {
    const server = await sandbox.start();
    await visit(server.url, "dave", visitRecord("V0"));
    const Database = (await import("better-sqlite3")).default;
    const { join } = await import("node:path");
    const db = new Database(join(sandbox.dataDir, "pagesense.db"), { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      db.close();
    }
  });
});
