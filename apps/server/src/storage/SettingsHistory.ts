import type Database from "better-sqlite3";

/** One accepted settings document. */
export interface SettingsVersion {
  version: number;
  sha256: string;
  loadedAt: string;
}

/**
 * Every accepted settings document, numbered: the number is the project version served as
 * `x-current-project-version`. Kept in the database so versions keep increasing across restarts
 * (an SDK holding version 3 must never be told "unchanged" about different content).
 */
export class SettingsHistory {
  private readonly latestStmt;
  private readonly insertStmt;
  private readonly rangeStmt;

  constructor(db: Database.Database) {
    this.latestStmt = db.prepare<[], { version: number; sha256: string; loaded_at: string }>(
      "SELECT version, sha256, loaded_at FROM settings_versions ORDER BY version DESC LIMIT 1",
    );
    this.rangeStmt = db.prepare<
      [number, number],
      { version: number; sha256: string; loaded_at: string; document: string }
    >(
      `SELECT version, sha256, loaded_at, document FROM settings_versions
        WHERE version BETWEEN ? AND ? ORDER BY version`,
    );
    this.insertStmt = db.prepare(
      "INSERT INTO settings_versions (version, sha256, loaded_at, document) VALUES (?, ?, ?, ?)",
    );
  }

  /** The newest accepted version, if any. */
  latest(): SettingsVersion | undefined {
    const row = this.latestStmt.get();
    return row && { version: row.version, sha256: row.sha256, loadedAt: row.loaded_at };
  }

  /** The accepted versions from `first` to `last` (inclusive), oldest first, with their documents. */
  range(first: number, last: number): Array<SettingsVersion & { document: string }> {
    return this.rangeStmt.all(first, last).map((row) => ({
      version: row.version,
      sha256: row.sha256,
      loadedAt: row.loaded_at,
      document: row.document,
    }));
  }

  /** Records a newly accepted document and returns its version (previous + 1, from 1). */
  add(sha256: string, document: string, now = new Date()): SettingsVersion {
    const version = (this.latest()?.version ?? 0) + 1;
    const loadedAt = now.toISOString();
    this.insertStmt.run(version, sha256, loadedAt, document);
    return { version, sha256, loadedAt };
  }
}
