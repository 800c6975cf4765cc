import type { GoalRecord, VisitRecord } from "@pagesense/core";
import type Database from "better-sqlite3";
import type { EventFlag } from "../events/flagRecord";

/** A record to store with its flag (null when it matches the settings). */
export interface FlaggedRecord<R> {
  record: R;
  flag: EventFlag | null;
}

/** Rows per table and how many of them are flagged. */
export interface EventCounts {
  visits: number;
  goals: number;
  flaggedVisits: number;
  flaggedGoals: number;
}

/**
 * Writes visit and goal records. Each request's records go in one transaction, so a request is
 * stored whole or not at all; better-sqlite3 is synchronous, so a method returning means the
 * transaction committed (the HTTP 200 is sent only after that).
 */
export class EventStore {
  private readonly insertVisit;
  private readonly insertGoal;
  private readonly countStmt;

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
    this.countStmt = db.prepare<[], EventCounts>(
      `SELECT (SELECT COUNT(*) FROM visits) AS visits,
              (SELECT COUNT(*) FROM goals) AS goals,
              (SELECT COUNT(*) FROM visits WHERE flag IS NOT NULL) AS flaggedVisits,
              (SELECT COUNT(*) FROM goals WHERE flag IS NOT NULL) AS flaggedGoals`,
    );
  }

  /** Stores one request's visit records atomically. */
  addVisits(
    userId: string,
    records: readonly FlaggedRecord<VisitRecord>[],
    settingsVersion: number,
    now = new Date(),
  ): void {
    const receivedAt = now.toISOString();
    this.db.transaction(() => {
      for (const { record: r, flag } of records) {
        this.insertVisit.run({ ...common(r), receivedAt, userId, version: settingsVersion, flag });
      }
    })();
  }

  /** Stores one request's goal records atomically. */
  addGoals(
    userId: string,
    records: readonly FlaggedRecord<GoalRecord>[],
    settingsVersion: number,
    now = new Date(),
  ): void {
    const receivedAt = now.toISOString();
    this.db.transaction(() => {
      for (const { record: r, flag } of records) {
        this.insertGoal.run({
          ...common(r),
          receivedAt,
          userId,
          version: settingsVersion,
          flag,
          gln: r.gln,
          ipl: r.ipl ? 1 : 0,
          rv: r.rv ?? null,
        });
      }
    })();
  }

  /** How many records are stored. */
  counts(): EventCounts {
    return this.countStmt.get()!;
  }
}

function common(r: VisitRecord) {
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
