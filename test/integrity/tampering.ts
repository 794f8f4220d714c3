import Database from 'better-sqlite3';
import { GENESIS_HASH, hashEvent, type HashableEvent } from '@blue-ledger/integrity';
import type { EventRow as StoredEventRow } from '@blue-ledger/event-store';
import * as path from 'node:path';

/**
 * What someone with write access to `ledger.sqlite` could do while the ledger is stopped:
 * better-sqlite3 straight on the file, the append-only triggers dropped first.
 */
/** A row of the events table, read with plain numbers. */
export type EventRow = StoredEventRow<number>;

export function withLedgerFile<T>(dataDir: string, tamper: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'ledger.sqlite'));
  try {
    db.exec('DROP TRIGGER IF EXISTS events_are_never_updated');
    db.exec('DROP TRIGGER IF EXISTS events_are_never_deleted');
    return db.transaction(() => tamper(db))();
  } finally {
    db.close();
  }
}

export function eventRows(db: Database.Database): EventRow[] {
  return db.prepare('SELECT * FROM events ORDER BY global_position').all() as EventRow[];
}

/** The hash the writer would have computed for this row (the attacker has the code too). */
export function hashOfRow(row: EventRow): string {
  const event: HashableEvent = {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    streamRevision: BigInt(row.stream_revision),
    recordedAt: row.recorded_at,
    ...(row.occurred_at !== null && { occurredAt: row.occurred_at }),
    actor: { id: row.actor_id, role: row.actor_role },
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    data: JSON.parse(row.data),
    prevHash: row.prev_hash,
  };
  return hashEvent(event);
}

/** Changes one letter of the event's data, leaving its hash as it was. */
export function changeOneByte(db: Database.Database, position: number): void {
  const { data } = db
    .prepare('SELECT data FROM events WHERE global_position = ?')
    .get(position) as {
    data: string;
  };
  const at = data.search(/[a-z]/);
  const changed = `${data.slice(0, at)}${data[at] === 'x' ? 'y' : 'x'}${data.slice(at + 1)}`;
  db.prepare('UPDATE events SET data = ? WHERE global_position = ?').run(changed, position);
}

export function deleteEvent(db: Database.Database, position: number): void {
  db.prepare('DELETE FROM events WHERE global_position = ?').run(position);
}

/** The two events trade places in the global order. */
export function swapEvents(db: Database.Database, first: number, second: number): void {
  const move = db.prepare('UPDATE events SET global_position = ? WHERE global_position = ?');
  move.run(-1, first);
  move.run(first, second);
  move.run(second, -1);
}

export function truncateAfter(db: Database.Database, position: number): void {
  db.prepare('DELETE FROM events WHERE global_position > ?').run(position);
}

/**
 * Slips a forged event of a new stream in right after `position`, the events after it moved up
 * one place. Its hash is computed as the writer would: its chain is whole.
 */
export function insertForgedEvent(db: Database.Database, position: number): EventRow {
  db.prepare(
    'UPDATE events SET global_position = -global_position - 1 WHERE global_position > ?',
  ).run(position);
  db.prepare(
    'UPDATE events SET global_position = -global_position WHERE global_position < 0',
  ).run();
  const forged: EventRow = {
    global_position: position + 1,
    event_id: '0193f000-0000-7000-8000-00000000f04d',
    stream_id: 'incident-0193f000-0000-7000-8000-00000000f04e',
    stream_revision: 0,
    type: 'IncidentReported',
    schema_version: 1,
    recorded_at: '2018-11-16T09:00:00.000Z',
    occurred_at: '2018-11-15T10:00:00Z',
    actor_id: 'inv-boi',
    actor_role: 'investigator',
    correlation_id: 'forged',
    causation_id: 'forged',
    data: JSON.stringify({
      incidentId: '0193f000-0000-7000-8000-00000000f04e',
      missionCode: 'MINUSCA',
      summary: 'An incident that never happened, blaming the Burundian battalion',
    }),
    prev_hash: GENESIS_HASH,
    hash: '',
  };
  forged.hash = hashOfRow(forged);
  const columns = Object.keys(forged);
  db.prepare(
    `INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  ).run(forged);
  return forged;
}

/**
 * Rewrites every event (each recorded an hour earlier) and hashes every chain again, so that
 * each chain is whole and only signed heads can tell.
 */
export function rehashHistory(db: Database.Database): void {
  const update = db.prepare(
    'UPDATE events SET recorded_at = ?, prev_hash = ?, hash = ? WHERE global_position = ?',
  );
  const heads = new Map<string, string>();
  for (const row of eventRows(db)) {
    const rewritten: EventRow = {
      ...row,
      recorded_at: new Date(Date.parse(row.recorded_at) - 3_600_000).toISOString(),
      prev_hash: heads.get(row.stream_id) ?? GENESIS_HASH,
    };
    rewritten.hash = hashOfRow(rewritten);
    heads.set(row.stream_id, rewritten.hash);
    update.run(rewritten.recorded_at, rewritten.prev_hash, rewritten.hash, row.global_position);
  }
}

/**
 * Covers the tracks of a rewrite: the notary's heads and leaves gone, its checkpoint too, so
 * that the ledger rebuilds its Merkle log from the rewritten events on the next start.
 */
export function forgetNotary(db: Database.Database): void {
  db.exec('DELETE FROM notary_heads; DROP TABLE notary_leaves');
  db.prepare("DELETE FROM projection_checkpoints WHERE name = 'notary'").run();
}
