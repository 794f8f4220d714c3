import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LedgerClient } from '../support/http-client';
import {
  outputOnceItShows,
  startLedgerProcess,
  type LedgerProcess,
} from '../support/ledger-process';
import { changeOneByte, withLedgerFile } from './tampering';

interface Integrity {
  status: 'verifying' | 'ok' | 'failed';
  checkedThrough: string | null;
  failure?: { position: string | null; reason: string; streamId: string | null };
}

/** `/health`'s integrity, once `until` holds (the watch works in the background). */
async function integrityOnceItSettles(
  client: LedgerClient,
  until: (integrity: Integrity) => boolean,
): Promise<Integrity> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const health = await client.get<{ integrity: Integrity }>('/health');
    expect(health.status).toBe(200);
    if (until(health.body.integrity)) return health.body.integrity;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the integrity status did not settle in 30 s');
}

async function recordSome(client: LedgerClient, code: string): Promise<void> {
  const admin = client.as('admin');
  await admin.create('/missions', { code, name: `Mission ${code}`, hostCountry: 'SSD' });
  for (let i = 0; i < 3; i++) {
    await admin.create('/contingents', {
      country: 'ETH',
      unitType: 'infantry_battalion',
      designation: `Battalion ${code}-${i}`,
      missionCode: code,
    });
  }
}

describe('Background verification of the store', () => {
  let dataDir: string;
  let ledger: LedgerProcess | undefined;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-watch-'));
  });
  afterEach(async () => {
    await ledger?.stop();
    ledger = undefined;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const head = async (client: LedgerClient) =>
    String((await client.get<{ headPosition: number }>('/health')).body.headPosition);

  it('verifies the store at start, then every new event as it arrives', async () => {
    ledger = await startLedgerProcess(dataDir);
    await recordSome(ledger.client, 'UNMISS');
    const first = await head(ledger.client);
    expect(
      await integrityOnceItSettles(ledger.client, (i) => i.checkedThrough === first),
    ).toMatchObject({ status: 'ok', checkedThrough: first });
    const probe = await ledger.client.get('/health/integrity');
    expect(probe.status).toBe(200);
    expect(probe.body).toMatchObject({ status: 'ok', checkedThrough: first });
    await recordSome(ledger.client, 'MINUSCA');
    const later = await head(ledger.client);
    expect(
      await integrityOnceItSettles(ledger.client, (i) => i.checkedThrough === later),
    ).toMatchObject({ status: 'ok', checkedThrough: later });
  });

  it('reports a file tampered with while the ledger was stopped, with the position, on /health and in the log', async () => {
    ledger = await startLedgerProcess(dataDir);
    await recordSome(ledger.client, 'UNMISS');
    await ledger.client.as('admin').post('/integrity/heads');
    await ledger.stop();
    const tampered = 3;
    withLedgerFile(dataDir, (db) => changeOneByte(db, tampered));

    ledger = await startLedgerProcess(dataDir);
    const integrity = await integrityOnceItSettles(ledger.client, (i) => i.status !== 'verifying');
    expect(integrity).toMatchObject({
      status: 'failed',
      failure: { position: String(tampered), reason: 'hash_mismatch' },
    });
    const logged = new RegExp(`integrity check failed at position ${tampered}\\b.*hash_mismatch`);
    expect(await outputOnceItShows(ledger, logged)).toMatch(logged);
    // `/health` stays 200 (the process lives); the probe to alert on answers 503.
    const probe = await ledger.client.get<{ type: string; detail: string; integrity: Integrity }>(
      '/health/integrity',
    );
    expect(probe.status).toBe(503);
    expect(probe.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(probe.body.type).toBe('urn:blue-ledger:problem:integrity_failed');
    expect(probe.body.detail).toContain(`at position ${tampered}`);
    expect(probe.body.detail).toContain('hash_mismatch');
    expect(probe.body.integrity).toEqual(integrity);
  });

  it('finds an old event changed under a running ledger on its next scheduled full pass', async () => {
    ledger = await startLedgerProcess(dataDir, { LEDGER_VERIFY_EVERY_SECONDS: '1' });
    await recordSome(ledger.client, 'UNMISS');
    const at = await head(ledger.client);
    await integrityOnceItSettles(ledger.client, (i) => i.checkedThrough === at);
    withLedgerFile(dataDir, (db) => changeOneByte(db, 2));
    const integrity = await integrityOnceItSettles(ledger.client, (i) => i.status === 'failed');
    expect(integrity.failure).toMatchObject({ position: '2', reason: 'hash_mismatch' });
  });
});
