import type { Database } from 'better-sqlite3';

/**
 * Migrations of the event tables, applied in order; `PRAGMA user_version` records how many
 * ran. Never edit a migration that has shipped: add the next one.
 */
const migrations: readonly string[] = [
  `CREATE TABLE events (
     global_position INTEGER PRIMARY KEY AUTOINCREMENT,
     event_id        TEXT    NOT NULL UNIQUE,
     stream_id       TEXT    NOT NULL,
     stream_revision INTEGER NOT NULL CHECK (stream_revision >= 0),
     type            TEXT    NOT NULL,
     schema_version  INTEGER NOT NULL,
     recorded_at     TEXT    NOT NULL,
     occurred_at     TEXT,
     actor_id        TEXT    NOT NULL,
     actor_role      TEXT    NOT NULL,
     correlation_id  TEXT    NOT NULL,
     causation_id    TEXT    NOT NULL,
     data            TEXT    NOT NULL,
     prev_hash       TEXT    NOT NULL,
     hash            TEXT    NOT NULL,
     -- also the stream index: reads by stream id, by revision and by stream-id prefix use it
     UNIQUE (stream_id, stream_revision)
   ) STRICT;
   CREATE INDEX events_by_type ON events (type, global_position);
   CREATE TRIGGER events_are_never_updated BEFORE UPDATE ON events
     BEGIN SELECT RAISE(ABORT, 'events are append-only: record a new event instead'); END;
   CREATE TRIGGER events_are_never_deleted BEFORE DELETE ON events
     BEGIN SELECT RAISE(ABORT, 'events are append-only: record a new event instead'); END;`,
];

export const EVENT_SCHEMA_VERSION = migrations.length;

/**
 * Brings the schema up to date. Safe to call from several processes at once: the version is
 * read and the migrations run inside one `BEGIN IMMEDIATE` transaction, so only one of them
 * migrates and the others find the work done.
 */
export function migrateEventSchema(db: Database): void {
  const migrate = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > migrations.length) {
      throw new Error(
        `the event schema is at version ${current}, newer than this code knows (${migrations.length})`,
      );
    }
    for (let version = current; version < migrations.length; version++) {
      db.exec(migrations[version]);
    }
    if (current !== migrations.length) db.pragma(`user_version = ${migrations.length}`);
  });
  migrate.immediate();
}

/** For a connection that may not migrate (read only): the schema must be the one this code knows. */
export function requireCurrentSchema(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current !== migrations.length) {
    throw new Error(
      `the event schema of ${db.name} is at version ${current}; this code reads version ${migrations.length}`,
    );
  }
}
