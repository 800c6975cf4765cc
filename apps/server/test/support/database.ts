import { join } from "node:path";
import Database from "better-sqlite3";
import { DATABASE_FILE } from "../../src";

/** A stored row, as the tests look at it. */
export type Row = Record<string, unknown>;

/** Reads rows straight from the SQLite file (read-only; WAL lets it run beside the server). */
export function readRows(dataDir: string, table: "visits" | "goals"): Row[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Row[];
  } finally {
    db.close();
  }
}
