import type { SqliteDatabase } from '../sqlite/database';

/**
 * `notary_leaves`: the Merkle log, one leaf per event of the global order. A read model like
 * any other: dropped and replayed from the events on rebuild.
 *
 * `notary_heads`: the tree heads the notary signed. Never dropped, not even by a rebuild: they
 * are statements already published, and a rebuilt log must still match them.
 */
export function createNotaryTables(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS notary_leaves (
      leaf_index      INTEGER PRIMARY KEY,
      global_position INTEGER NOT NULL UNIQUE,
      event_hash      TEXT    NOT NULL,
      leaf_hash       BLOB    NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS notary_heads (
      id            INTEGER PRIMARY KEY AUTOINCREMENT,
      tree_size     INTEGER NOT NULL,
      root_hash     TEXT    NOT NULL,
      timestamp     TEXT    NOT NULL,
      signature     TEXT    NOT NULL,
      last_position INTEGER
    ) STRICT;
    CREATE INDEX IF NOT EXISTS notary_heads_by_size ON notary_heads (tree_size, id);
  `);
}

export function dropNotaryLeaves(db: SqliteDatabase): void {
  db.exec('DROP TABLE IF EXISTS notary_leaves');
}
