import type { RecordedEvent } from '@blue-ledger/event-store';
import type { SqliteDatabase } from './database';

const beingApplied = new WeakMap<SqliteDatabase, number>();

/**
 * Runs `work` as the application of `event` to the read models on `db`: what it writes to a
 * versioned table (a DocumentTable) becomes the version that `event` made, valid from its
 * global position on. The runner, `batched` and `applyEvent` wrap every event in it, so a read
 * model written through the building blocks is versioned with nothing to do; and the version
 * a write makes depends only on the event, never on how events were batched, so that a
 * rebuild and an incremental run make the same versions.
 */
export function applyingEvent<T>(
  db: SqliteDatabase,
  event: Pick<RecordedEvent, 'globalPosition'>,
  work: () => T,
): T {
  const outer = beingApplied.get(db);
  beingApplied.set(db, Number(event.globalPosition));
  try {
    return work();
  } finally {
    if (outer === undefined) beingApplied.delete(db);
    else beingApplied.set(db, outer);
  }
}

/** The global position of the event being applied on `db`; an error outside of one. */
export function positionBeingApplied(db: SqliteDatabase): number {
  const position = beingApplied.get(db);
  if (position === undefined) {
    throw new Error(
      'a versioned read model was written outside the application of an event: ' +
        'write it from a projection (apply, applyBatch or batched), or within applyingEvent',
    );
  }
  return position;
}
