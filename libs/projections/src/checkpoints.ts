import type { SqliteDatabase } from './sqlite/database';

/** How far a projection has read: the global position of the last event it applied. */
export interface ProjectionCheckpoint {
  name: string;
  version: number;
  /** Null when it has applied nothing yet. */
  position: number | null;
}

export function createCheckpointTable(db: SqliteDatabase): void {
  db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    position INTEGER
  )`);
}

/** Every stored checkpoint, by name (the API's and CLI's view of the projections' lag). */
export function readCheckpoints(db: SqliteDatabase): ProjectionCheckpoint[] {
  return db
    .prepare('SELECT name, version, position FROM projection_checkpoints ORDER BY name')
    .all() as ProjectionCheckpoint[];
}

export function readCheckpoint(db: SqliteDatabase, name: string): ProjectionCheckpoint | null {
  const row = db
    .prepare('SELECT name, version, position FROM projection_checkpoints WHERE name = ?')
    .get(name) as ProjectionCheckpoint | undefined;
  return row ?? null;
}

export function checkpointWriter(db: SqliteDatabase) {
  const statement = db.prepare(
    `INSERT INTO projection_checkpoints (name, version, position) VALUES (?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET version = excluded.version, position = excluded.position`,
  );
  return (checkpoint: ProjectionCheckpoint): void => {
    statement.run(checkpoint.name, checkpoint.version, checkpoint.position);
  };
}
