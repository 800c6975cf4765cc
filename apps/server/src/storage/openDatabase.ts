import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

/** The SQLite file inside the data directory. */
export const DATABASE_FILE = "pagesense.db";

/** Schema migrations, applied in order; `PRAGMA user_version` records how many ran. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE settings_versions (
    version    INTEGER PRIMARY KEY,
    sha256     TEXT NOT NULL,
    loaded_at  TEXT NOT NULL,
    document   TEXT NOT NULL
  );
  CREATE TABLE visits (
    id               INTEGER PRIMARY KEY,
    received_at      TEXT NOT NULL,
    user_id          TEXT NOT NULL,
    portal           TEXT NOT NULL,
    project_key      TEXT NOT NULL,
    experiment_key   TEXT NOT NULL,
    variation_key    TEXT NOT NULL,
    environment_key  TEXT NOT NULL,
    language_key     INTEGER NOT NULL,
    attributes       TEXT NOT NULL,
    settings_version INTEGER NOT NULL,
    flag             TEXT
  );
  CREATE INDEX visits_by_variation ON visits (experiment_key, variation_key, user_id);
  CREATE TABLE goals (
    id               INTEGER PRIMARY KEY,
    received_at      TEXT NOT NULL,
    user_id          TEXT NOT NULL,
    portal           TEXT NOT NULL,
    project_key      TEXT NOT NULL,
    experiment_key   TEXT NOT NULL,
    variation_key    TEXT NOT NULL,
    environment_key  TEXT NOT NULL,
    language_key     INTEGER NOT NULL,
    attributes       TEXT NOT NULL,
    settings_version INTEGER NOT NULL,
    flag             TEXT,
    goal_link_name   TEXT NOT NULL,
    is_primary       INTEGER NOT NULL,
    revenue          REAL
  );
  CREATE INDEX goals_by_goal ON goals (experiment_key, goal_link_name, variation_key, user_id);
  `,
];

/**
 * Opens (creating if needed) the event database in `dataDir`: WAL journal, `synchronous=FULL`
 * (a committed event survives a crash or power loss), schema migrated to the latest version.
 */
export function openDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE));
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("busy_timeout = 5000");
    const applied = db.pragma("user_version", { simple: true }) as number;
    if (applied > MIGRATIONS.length) {
      throw new Error(
        `${join(dataDir, DATABASE_FILE)} has schema version ${applied}, newer than this server (${MIGRATIONS.length})`,
      );
    }
    for (let i = applied; i < MIGRATIONS.length; i++) {
      db.transaction(() => {
        db.exec(MIGRATIONS[i]!);
        db.pragma(`user_version = ${i + 1}`);
      })();
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
