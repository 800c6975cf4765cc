import type { GoalRecord, VisitRecord } from "@pagesense/protocol";
import type Database from "better-sqlite3";
import type { EventFlag } from "../events/flagRecord";

/** A record to store with its flag (null when it matches the settings). */
export interface FlaggedRecord<R> {
  record: R;
  flag: EventFlag | null;
}

/**
 * Writes visit and goal records. Each request's records go in one transaction, so a request is
 * stored whole or not at all; better-sqlite3 is synchronous, so a method returning means the
 * transaction committed (the HTTP 200 is sent only after that).
 */
export class EventStore {
  private readonly insertVisit;
  private readonly insertGoal;

  constructor(private readonly db: Database.Database) {
    this.insertVisit = db.prepare(
      `INSERT INTO visits (received_at, user_id, portal, project_key, experiment_key, variation_key,
         environment_key, language_key, attributes, settings_version, flag)
       VALUES (@receivedAt, @userId, @a, @p, @b, @c, @ek, @lk, @attributes, @version, @flag)`,
    );
    this.insertGoal = db.prepare(
      `INSERT INTO goals (received_at, user_id, portal, project_key, experiment_key, variation_key,
         environment_key, language_key, attributes, settings_version, flag, goal_link_name,
         is_primary, revenue)
       VALUES (@receivedAt, @userId, @a, @p, @b, @c, @ek, @lk, @attributes, @version, @flag,
         @gln, @ipl, @rv)`,
    );
  }

  /** Stores one request's visit records atomically. */
  addVisits(
    userId: string,
    records: readonly FlaggedRecord<VisitRecord>[],
    settingsVersion: number,
    now = new Date(),
  ): void {
    this.insertAll(this.insertVisit, visitColumns, userId, records, settingsVersion, now);
  }

  /** Stores one request's goal records atomically. */
  addGoals(
    userId: string,
    records: readonly FlaggedRecord<GoalRecord>[],
    settingsVersion: number,
    now = new Date(),
  ): void {
    this.insertAll(this.insertGoal, goalColumns, userId, records, settingsVersion, now);
  }

  /** Runs `insert` once per record, all in one transaction. */
  private insertAll<R>(
    insert: Database.Statement,
    columns: (record: R) => Record<string, unknown>,
    userId: string,
    records: readonly FlaggedRecord<R>[],
    version: number,
    now: Date,
  ): void {
    const receivedAt = now.toISOString();
    this.db.transaction(() => {
      for (const { record, flag } of records)
        insert.run({ ...columns(record), receivedAt, userId, version, flag });
    })();
  }
}

/** The columns a visit record fills (goal rows have them too). */
function visitColumns(r: VisitRecord) {
  return {
    a: r.a,
    p: r.p,
    b: r.b,
    c: r.c,
    ek: r.ek,
    lk: r.lk,
    attributes: JSON.stringify(r.fsca),
  };
}

/** The columns a goal record fills. */
function goalColumns(r: GoalRecord) {
  return { ...visitColumns(r), gln: r.gln, ipl: r.ipl ? 1 : 0, rv: r.rv ?? null };
}
