import type Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startApp } from '../support/in-process-app';
import { exportAndVerify, ledger } from './ledger-cli';
import { recordAlindao, recordFollowUp } from './recorded-ledger';
import {
  changeOneByte,
  deleteEvent,
  eventRows,
  forgetNotary,
  insertForgedEvent,
  rehashHistory,
  swapEvents,
  truncateAfter,
  withLedgerFile,
  type EventRow,
} from './tampering';

/** No head is signed but those the test asks for. */
const NOTARY_ON_DEMAND = {
  LEDGER_NOTARY_EVERY_EVENTS: '1000000',
  LEDGER_NOTARY_EVERY_SECONDS: '86400',
};

interface HeadJson {
  treeSize: string;
  rootHash: string;
  timestamp: string;
  signature: string;
}

interface ExpectedFailure {
  reason: string;
  position: number | null;
  streamId?: string;
  leafIndex?: number;
}

/**
 * A ledger built through the API, with a head signed halfway and one at the end; the auditor
 * kept the public key and the first head. Then, with the ledger stopped, its file is changed
 * in each of the ways an insider could, and both `ledger verify` (on an export, offline) and
 * `POST /integrity/verification` must find it and name where.
 */
describe('Tampering with the ledger file', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
  const pristine = path.join(work, 'pristine');
  const publicKeyFile = path.join(work, 'notary.pem');
  const keptHeadFile = path.join(work, 'kept-head.json');
  let keptHead: HeadJson;
  let rows: EventRow[];

  beforeAll(async () => {
    const running = await startApp({ LEDGER_DATA_DIR: pristine, ...NOTARY_ON_DEMAND });
    try {
      const oversight = running.client.as('oversight');
      const ids = await recordAlindao(running.client);
      keptHead = (await oversight.post('/integrity/heads')).body;
      await recordFollowUp(running.client, ids);
      expect((await oversight.post('/integrity/heads')).status).toBe(201);
      fs.writeFileSync(publicKeyFile, (await oversight.get('/integrity/public-key')).body.pem);
      fs.writeFileSync(keptHeadFile, JSON.stringify(keptHead));
    } finally {
      await running.close();
    }
    rows = withLedgerFile(pristine, eventRows);
  });

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  const keptSize = () => Number(keptHead.treeSize);
  const ofType = (type: string) => rows.filter((row) => row.type === type);
  const nextInStream = (row: EventRow) =>
    rows.find(
      (r) => r.stream_id === row.stream_id && r.stream_revision === row.stream_revision + 1,
    )!;

  /** A copy of the ledger's data directory, changed by `tamper`. */
  function tampered(name: string, tamper: (db: Database.Database) => void): string {
    const dir = path.join(work, name);
    fs.cpSync(pristine, dir, { recursive: true });
    withLedgerFile(dir, tamper);
    return dir;
  }

  async function verifiedByTheApi(dataDir: string, body: object = {}) {
    const running = await startApp({ LEDGER_DATA_DIR: dataDir, ...NOTARY_ON_DEMAND });
    try {
      const response = await running.client.as('oversight').post('/integrity/verification', body);
      expect(response.status).toBe(200);
      return response.body;
    } finally {
      await running.close();
    }
  }

  async function expectDetected(dataDir: string, expected: ExpectedFailure): Promise<void> {
    const where = [
      expected.position === null ? null : `position ${expected.position}`,
      expected.streamId ? `stream ${expected.streamId}` : null,
    ]
      .filter(Boolean)
      .join(', ');
    const offline = await exportAndVerify(dataDir, publicKeyFile);
    expect(offline.code).toBe(1);
    expect(offline.stdout).toContain(`FAILED: ${expected.reason} at ${where}`);
    if (expected.leafIndex !== undefined) {
      expect(offline.stdout).toContain(`leaf ${expected.leafIndex}`);
    }

    const report = await verifiedByTheApi(dataDir);
    expect(report).toMatchObject({
      ok: false,
      failure: {
        reason: expected.reason,
        position: expected.position === null ? null : String(expected.position),
        ...(expected.streamId && { streamId: expected.streamId }),
        ...(expected.leafIndex !== undefined && { leafIndex: String(expected.leafIndex) }),
      },
    });
  }

  describe('when nothing was touched', () => {
    it('verifies offline and on the server, and says what was checked', async () => {
      const offline = await exportAndVerify(pristine, publicKeyFile);
      expect(offline.code).toBe(0);
      expect(offline.stdout).toContain(`hash chains:   ${rows.length} events in 5 streams`);
      expect(offline.stdout).toContain('2 of 2 signatures valid (Ed25519), 2 roots recomputed');
      expect(offline.stdout).toContain('1 consistency proofs between successive heads');
      expect(offline.stdout).toMatch(/^OK: no event was changed, removed, reordered or inserted/m);

      expect(await verifiedByTheApi(pristine)).toMatchObject({
        ok: true,
        checked: { events: rows.length, streams: 5, heads: 2, signatures: 2, roots: 2 },
        failure: null,
      });
    });
  });

  describe('when one byte of one event was changed', () => {
    it('names the event whose content no longer matches its hash', async () => {
      const target = ofType('IncidentAmended')[1];
      const dir = tampered('one-byte', (db) => changeOneByte(db, target.global_position));
      await expectDetected(dir, {
        reason: 'hash_mismatch',
        position: target.global_position,
        streamId: target.stream_id,
      });
    });
  });

  describe('when an event was deleted', () => {
    it('names the next event of its stream, whose revision skips one', async () => {
      const target = ofType('IncidentAmended')[0];
      const dir = tampered('deleted', (db) => deleteEvent(db, target.global_position));
      await expectDetected(dir, {
        reason: 'revision_gap',
        position: nextInStream(target).global_position,
        streamId: target.stream_id,
      });
    });
  });

  describe('when two events were swapped', () => {
    it('names the first place, which now holds the later revision', async () => {
      const [first, second] = ofType('IncidentAmended');
      const dir = tampered('swapped', (db) =>
        swapEvents(db, first.global_position, second.global_position),
      );
      await expectDetected(dir, {
        reason: 'revision_gap',
        position: first.global_position,
        streamId: first.stream_id,
      });
    });
  });

  describe('when a forged event with a correct hash was slipped in', () => {
    it('names it: the first event no head that still verifies covers', async () => {
      let forged: EventRow | undefined;
      const dir = tampered('forged', (db) => {
        forged = insertForgedEvent(db, rows[keptSize() - 1].global_position);
      });
      await expectDetected(dir, {
        reason: 'root_mismatch',
        position: forged!.global_position,
        streamId: forged!.stream_id,
        leafIndex: keptSize(),
      });
    });
  });

  describe('when the tail was cut off', () => {
    it('names where the log now ends, short of the last signed head', async () => {
      const lastKept = rows[keptSize() - 1].global_position;
      const dir = tampered('truncated', (db) => truncateAfter(db, lastKept));
      await expectDetected(dir, {
        reason: 'head_beyond_log',
        position: null,
        leafIndex: keptSize(),
      });
      const offline = await exportAndVerify(dir, publicKeyFile);
      expect(offline.stdout).toContain(`the log holds ${keptSize()} (up to position ${lastKept})`);
    });
  });

  describe('when the whole history was replaced by a re-hashed one', () => {
    it('finds every chain whole but the signed heads broken from the first event', async () => {
      const dir = tampered('rehashed', rehashHistory);
      await expectDetected(dir, {
        reason: 'root_mismatch',
        position: rows[0].global_position,
        leafIndex: 0,
      });
    });

    describe('and the notary made to sign the rewrite', () => {
      let dir: string;
      let newHead: HeadJson;

      beforeAll(async () => {
        dir = tampered('rehashed-and-resigned', (db) => {
          rehashHistory(db);
          forgetNotary(db);
        });
        const running = await startApp({ LEDGER_DATA_DIR: dir, ...NOTARY_ON_DEMAND });
        try {
          newHead = (await running.client.as('admin').post('/integrity/heads')).body;
        } finally {
          await running.close();
        }
      });

      it('verifies on its own: only a head kept from before can tell', async () => {
        expect(newHead.treeSize).toBe(String(rows.length));
        expect((await exportAndVerify(dir, publicKeyFile)).code).toBe(0);
      });

      it('fails against the head the auditor kept, offline and on the server', async () => {
        const offline = await exportAndVerify(dir, publicKeyFile, ['--trusted-head', keptHeadFile]);
        expect(offline.code).toBe(1);
        expect(offline.stdout).toContain(
          `FAILED: inconsistent_with_trusted_head at position ${rows[0].global_position}`,
        );
        const report = await verifiedByTheApi(dir, { trustedHeads: [keptHead] });
        expect(report.failure).toMatchObject({
          reason: 'inconsistent_with_trusted_head',
          position: String(rows[0].global_position),
        });
      });

      it("cannot prove today's log consistent with the kept head", async () => {
        const running = await startApp({ LEDGER_DATA_DIR: dir, ...NOTARY_ON_DEMAND });
        let proof: { toRoot: string; proof: string[] };
        try {
          const response = await running.client
            .as('reviewer')
            .get(`/integrity/proofs/consistency?from=${keptHead.treeSize}`);
          expect(response.status).toBe(200);
          proof = response.body;
        } finally {
          await running.close();
        }
        const check = await ledger([
          'verify-proof',
          'consistency',
          '--size1',
          keptHead.treeSize,
          '--size2',
          newHead.treeSize,
          '--root1',
          keptHead.rootHash,
          '--root2',
          proof.toRoot,
          '--proof',
          proof.proof.join(','),
        ]);
        expect(check.code).toBe(1);
        expect(check.stdout).toMatch(/^invalid: the proof does not lead to root1/);
      });
    });
  });
});
