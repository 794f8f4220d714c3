import { isSealed, openDetails, unwrapSubjectKey, type SealedDetails } from '@blue-ledger/access';
import BetterSqlite3 from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  API_MAIN,
  outputOnceItShows,
  startLedgerProcess,
  type LedgerProcess,
} from '../support/ledger-process';
import { principalsEnv } from '../support/principals';
import type { LedgerClient } from '../support/http-client';

const VICTIM = 'victim-on-disk';
const NAME = 'Grace Stolen-Copy';

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

/** Every byte of every file in the directory. */
const allBytes = (dir: string) =>
  Buffer.concat(fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name))));

async function recordVictim(
  client: LedgerClient,
): Promise<{ eventId: string; sealed: SealedDetails }> {
  await client
    .as('admin')
    .create('/missions', { code: 'MINUSCA', name: 'MINUSCA', hostCountry: 'CAF' });
  const incident = await client.as('investigator').create('/incidents', {
    missionCode: 'MINUSCA',
    occurredAt: '2017-03-01T10:00:00Z',
    location: { name: 'Bambari' },
    category: 'sexual_exploitation_and_abuse',
    summary: 'Allegation',
    subjects: [{ subjectId: VICTIM, role: 'victim', details: { name: NAME } }],
  });
  const stream = await client.as('reviewer').get(`/streams/${incident.streamId}`);
  const event = stream.body.events[0];
  const sealed = event.data.personal[VICTIM] as unknown;
  if (!isSealed(sealed)) throw new Error('the details were not sealed');
  return { eventId: event.eventId, sealed };
}

/** The stored key row of the subject, read from a copy of the database file. */
function storedKey(dbFile: string): Buffer {
  const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT key FROM subject_keys WHERE subject_id = ?')
      .pluck()
      .get(VICTIM) as Buffer;
  } finally {
    db.close();
  }
}

describe('Keys and files on disk', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-disk-')), 'data');
    dirs.push(path.dirname(dir));
    return dir;
  };
  let running: LedgerProcess | undefined;

  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  describe('a fresh data directory', () => {
    it('is its owner’s only: the directory 0700, every file in it 0600, WAL and shared memory included', async () => {
      const dataDir = newDir();
      running = await startLedgerProcess(dataDir);
      await recordVictim(running.client);
      const files = fs.readdirSync(dataDir);
      expect(files).toEqual(expect.arrayContaining(['ledger.sqlite', 'ledger.sqlite-wal', 'kek']));
      expect(modeOf(dataDir).toString(8)).toBe('700');
      expect(files.map((f) => [f, modeOf(path.join(dataDir, f)).toString(8)])).toEqual(
        files.map((f) => [f, '600']),
      );
      expect(running.output()).not.toMatch(/has mode/);
    });
  });

  describe('a copy of ledger.sqlite taken without the key-encryption key', () => {
    it('opens no personal detail: its subject keys are wrapped, and only the KEK unwraps them', async () => {
      const dataDir = newDir();
      running = await startLedgerProcess(dataDir);
      const { eventId, sealed } = await recordVictim(running.client);
      await running.stop();
      running = undefined;

      const stolen = path.join(path.dirname(dataDir), 'stolen.sqlite');
      fs.copyFileSync(path.join(dataDir, 'ledger.sqlite'), stolen);
      expect(allBytes(dataDir).includes(Buffer.from(NAME))).toBe(false);
      const wrapped = storedKey(stolen);
      expect(wrapped.length).toBeGreaterThan(32);
      // Whatever 32 bytes of the stored key one tries, the details do not open.
      for (let start = 0; start + 32 <= wrapped.length; start++) {
        expect(openDetails(sealed, wrapped.subarray(start, start + 32), eventId, VICTIM)).toBe(
          undefined,
        );
      }
      // With the kek file, kept apart from the database, they do.
      const kek = Buffer.from(fs.readFileSync(path.join(dataDir, 'kek'), 'utf8').trim(), 'base64');
      const key = unwrapSubjectKey(kek, VICTIM, wrapped);
      expect(key && openDetails(sealed, key, eventId, VICTIM)).toEqual({ name: NAME });
    });
  });

  describe('with LEDGER_KEK set', () => {
    it('writes no kek file, and a start with another KEK or none is refused', async () => {
      const dataDir = newDir();
      const kek = randomBytes(32).toString('base64');
      running = await startLedgerProcess(dataDir, { LEDGER_KEK: kek });
      await recordVictim(running.client);
      expect((await running.client.as('investigator').get('/incidents')).status).toBe(200);
      await running.stop();
      running = undefined;
      expect(fs.existsSync(path.join(dataDir, 'kek'))).toBe(false);

      for (const env of [{ LEDGER_KEK: randomBytes(32).toString('base64') }, {}]) {
        const start = spawnSync(process.execPath, [API_MAIN], {
          env: {
            ...process.env,
            PORT: '0',
            HOST: '127.0.0.1',
            LEDGER_DATA_DIR: dataDir,
            LEDGER_PRINCIPALS: principalsEnv(),
            LOG_LEVEL: 'warn',
            ...env,
          },
          encoding: 'utf8',
          timeout: 30_000,
        });
        expect({ status: start.status, said: start.stderr }).toEqual({
          status: 78,
          said: expect.stringMatching(/key-encryption key/),
        });
      }
      expect(fs.existsSync(path.join(dataDir, 'kek'))).toBe(false);
    });

    it('refuses a LEDGER_KEK that is not 32 bytes in base64', () => {
      const start = spawnSync(process.execPath, [API_MAIN], {
        env: { ...process.env, LEDGER_DATA_DIR: newDir(), LEDGER_KEK: 'c2hvcnQ=' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(start.status).toBe(78);
      expect(start.stderr).toContain('LEDGER_KEK');
    });
  });

  describe('a data directory of an older version, its keys stored unwrapped and its modes wide', () => {
    it('wraps every key in place at start, keeps the details readable, and warns of the modes', async () => {
      const dataDir = newDir();
      running = await startLedgerProcess(dataDir);
      await recordVictim(running.client);
      await running.stop();
      running = undefined;
      // As an older version left it: the raw key in the row, no KEK, files readable by all.
      const kekFile = path.join(dataDir, 'kek');
      const kek = Buffer.from(fs.readFileSync(kekFile, 'utf8').trim(), 'base64');
      const dbFile = path.join(dataDir, 'ledger.sqlite');
      const rawKey = unwrapSubjectKey(kek, VICTIM, storedKey(dbFile)) as Buffer;
      const db = new BetterSqlite3(dbFile);
      db.prepare('UPDATE subject_keys SET key = ? WHERE subject_id = ?').run(rawKey, VICTIM);
      db.exec('DROP TABLE subject_key_wrapping');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      fs.rmSync(kekFile);
      fs.chmodSync(dataDir, 0o755);
      fs.chmodSync(dbFile, 0o644);
      expect(allBytes(dataDir).includes(rawKey)).toBe(true);

      running = await startLedgerProcess(dataDir);
      expect(await outputOnceItShows(running, `${dataDir} has mode 0755`)).toContain(
        `${dataDir} has mode 0755`,
      );
      expect(await outputOnceItShows(running, `${dbFile} has mode 0644`)).toContain(
        `${dbFile} has mode 0644`,
      );
      expect(allBytes(dataDir).includes(rawKey)).toBe(false);
      expect(storedKey(dbFile).length).toBeGreaterThan(32);
      const incidents = await running.client.as('investigator').get('/incidents');
      const stream = await running.client
        .as('investigator')
        .get(`/streams/incident-${incidents.body.items[0].incidentId}`);
      expect(stream.body.events[0].personal).toEqual({ [VICTIM]: { name: NAME } });
    });
  });
});
