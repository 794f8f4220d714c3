import { derivedSecret } from '@blue-ledger/access';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  IDEMPOTENCY_SECRET_PURPOSE,
  requestHash,
} from '../../apps/api/src/http/idempotency-secret';
import type { HttpResponse } from '../support/http-client';
import { startLedgerProcess, type LedgerProcess } from '../support/ledger-process';

const VICTIM = 'victim-idem';

/** Every byte of every file in the data directory. */
const allBytes = (dir: string) =>
  Buffer.concat(fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name))));

const answerOf = (response: HttpResponse) => ({
  status: response.status,
  replayed: response.headers.get('idempotent-replayed'),
  body: response.body as unknown,
});

describe('Idempotency records of a request that carried personal details', () => {
  let dataDir: string;
  let ledger: LedgerProcess;
  const incident = (name: string) => ({
    missionCode: 'MINUSCA',
    occurredAt: '2017-03-01T10:00:00Z',
    location: { name: 'Bambari' },
    category: 'sexual_exploitation_and_abuse',
    summary: 'Allegation',
    subjects: [{ subjectId: VICTIM, role: 'victim', details: { name } }],
  });
  const KEY = { 'idempotency-key': 'report-2017-03-01-bambari' };
  const RIGHT = incident('Marie Right-Guess');
  const WRONG = incident('Marie Wrong-Guess');

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-idem-'));
    ledger = await startLedgerProcess(dataDir);
    await ledger.client
      .as('admin')
      .create('/missions', { code: 'MINUSCA', name: 'MINUSCA', hostCountry: 'CAF' });
    await ledger.client.as('investigator').create('/incidents', RIGHT, KEY);
  });

  afterAll(async () => {
    await ledger?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the request only as a hash keyed with a secret that is not in the database', () => {
    const plain = createHash('sha256')
      .update(`POST /incidents\n${canonicalize(RIGHT)}`)
      .digest();
    const bytes = allBytes(dataDir);
    expect(bytes.includes(Buffer.from(plain.toString('hex')))).toBe(false);
    expect(bytes.includes(plain)).toBe(false);
    const kek = Buffer.from(fs.readFileSync(path.join(dataDir, 'kek'), 'utf8').trim(), 'base64');
    const keyed = requestHash(
      derivedSecret(kek, IDEMPOTENCY_SECRET_PURPOSE),
      'POST',
      '/incidents',
      RIGHT,
    );
    expect(bytes.includes(Buffer.from(keyed))).toBe(true);
  });

  it('replays the first answer before the erasure, and tells a different body apart', async () => {
    const investigator = ledger.client.as('investigator');
    expect(answerOf(await investigator.post('/incidents', RIGHT, KEY)).replayed).toBe('true');
    expect((await investigator.post('/incidents', WRONG, KEY)).status).toBe(422);
  });

  describe('after the subject is erased', () => {
    beforeAll(async () => {
      await ledger.client
        .as('admin')
        .create(`/subjects/${VICTIM}/erasure`, { reason: 'The victim asked to be forgotten' });
    });

    it('answers a right guess and a wrong one alike', async () => {
      const investigator = ledger.client.as('investigator');
      const right = answerOf(await investigator.post('/incidents', RIGHT, KEY));
      const wrong = answerOf(await investigator.post('/incidents', WRONG, KEY));
      expect(right).toEqual(wrong);
      expect(right.status).toBe(422);
      expect((right.body as { type: string }).type).toBe(
        'urn:blue-ledger:problem:idempotency_key_forgotten',
      );
    });

    it('leaves no hash of the request in any file, keyed or not', () => {
      const bytes = allBytes(dataDir);
      const plain = createHash('sha256')
        .update(`POST /incidents\n${canonicalize(RIGHT)}`)
        .digest('hex');
      const kek = Buffer.from(fs.readFileSync(path.join(dataDir, 'kek'), 'utf8').trim(), 'base64');
      const keyed = requestHash(
        derivedSecret(kek, IDEMPOTENCY_SECRET_PURPOSE),
        'POST',
        '/incidents',
        RIGHT,
      );
      expect(bytes.includes(Buffer.from(plain))).toBe(false);
      expect(bytes.includes(Buffer.from(keyed))).toBe(false);
    });
  });
});
