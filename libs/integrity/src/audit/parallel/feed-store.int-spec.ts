import BetterSqlite3 from 'better-sqlite3';
import { SqliteEventStore } from '@blue-ledger/event-store';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chainEvents } from '../../chain/chain-events';
import { GENESIS_HASH } from '../../chain/event-hash';
import { recordedLedger, unchainedEvent } from '../../testing/recorded-events';
import { LedgerVerifier, type LedgerVerificationReport } from '../ledger-verifier';
import { feedStore } from './feed-store';

const { publicKey } = generateKeyPairSync('ed25519');

describe('feedStore', () => {
  let directory: string;
  let file: string;
  let store: SqliteEventStore;

  /** 3,000 events of 7 interleaved streams, appended in batches as a writer would. */
  beforeEach(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
    file = path.join(directory, 'events.sqlite');
    store = SqliteEventStore.open(file);
    const ledger = recordedLedger(3000, 7);
    store.db.exec('BEGIN');
    for (const { streamId, globalPosition: _p, streamRevision: _r, ...event } of ledger) {
      await store.appendToStream(streamId, [{ ...event }]);
    }
    store.db.exec('COMMIT');
  });

  afterEach(async () => {
    await store.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const verify = async (threads: number): Promise<LedgerVerificationReport> => {
    const verifier = new LedgerVerifier(publicKey);
    await feedStore(verifier, store, { threads, positionsPerTask: 256 });
    return verifier.finish();
  };

  /** What someone with write access to the file could do: the append-only triggers dropped. */
  const tamper = (sql: string, ...parameters: unknown[]) => {
    const db = new BetterSqlite3(file);
    db.exec('DROP TRIGGER IF EXISTS events_are_never_updated');
    db.exec('DROP TRIGGER IF EXISTS events_are_never_deleted');
    db.prepare(sql).run(...parameters);
    db.close();
  };

  it('reaches the same report on hashing threads as on this thread alone', async () => {
    const alone = await verify(0);
    const parallel = await verify(2);

    expect(alone.ok).toBe(true);
    expect(alone.checked.events).toBe(3000);
    expect(parallel).toEqual(alone);
  });

  it('names the same first failure, at the same position, whichever thread hashed it', async () => {
    tamper(
      `UPDATE events SET data = replace(data, 'amendment', 'amendmeNt') WHERE global_position IN (1700, 2900)`,
    );

    const alone = await verify(0);
    const parallel = await verify(3);

    expect(alone.ok).toBe(false);
    expect(alone.failure).toMatchObject({
      reason: 'hash_mismatch',
      position: 1700n,
      leafIndex: 1699n,
    });
    expect(parallel).toEqual(alone);
  });

  it('sees an event removed from the middle as a gap in its stream', async () => {
    tamper('DELETE FROM events WHERE global_position = 1234');

    const parallel = await verify(2);

    expect(parallel.failure).toMatchObject({ reason: 'revision_gap', position: 1241n });
    expect(parallel).toEqual(await verify(0));
  });

  it('feeds the events appended after it started too, checked as the others', async () => {
    const verifier = new LedgerVerifier(publicKey);
    const later = chainEvents('incident-later', 0n, GENESIS_HASH, [unchainedEvent(9999)]);
    let appended = false;

    const fed = await feedStore(verifier, store, {
      threads: 2,
      positionsPerTask: 1000,
      onProgress: async () => {
        if (appended) return;
        appended = true;
        await store.appendToStream('incident-later', later);
      },
    });

    expect(fed).toBe(3001);
    expect(verifier.finish()).toMatchObject({ ok: true, checked: { events: 3001 } });
  });
});
