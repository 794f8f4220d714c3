import { eventLeafHash } from '@blue-ledger/integrity';
import type { Projection } from '../projection';
import { preparedStatements } from '../sqlite/prepared-statements';
import { createNotaryTables, dropNotaryLeaves } from './notary.tables';

const statements = preparedStatements((db) => ({
  nextLeafIndex: db.prepare('SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM notary_leaves').pluck(),
  insertLeaf: db.prepare(
    `INSERT INTO notary_leaves (leaf_index, global_position, event_hash, leaf_hash)
     VALUES (?, ?, ?, ?)`,
  ),
}));

/**
 * Folds the global order into the notary's Merkle log (RFC 9162): the event at the n-th place
 * of the global order becomes leaf n - 1, SHA-256(0x00 || its hash). The leaf is what the store
 * recorded; whether that hash matches the event is for the verifiers to say.
 */
export const notaryProjection: Projection = {
  name: 'notary',
  version: 1,
  setup: (db) => createNotaryTables(db),
  reset(db) {
    dropNotaryLeaves(db);
    statements.forget(db);
  },
  apply(db, event) {
    const { nextLeafIndex, insertLeaf } = statements.of(db);
    insertLeaf.run(
      nextLeafIndex.get() as number,
      event.globalPosition,
      event.hash,
      eventLeafHash(event.hash),
    );
  },
};
