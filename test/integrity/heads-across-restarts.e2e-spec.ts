import { parseHash, verifyConsistency } from '@blue-ledger/integrity';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startApp, type RunningApp } from '../support/in-process-app';
import type { EventEnvelope } from '../support/ledger-views';
import { exportAndVerify, ledger } from './ledger-cli';
import { recordAlindao, recordFollowUp } from './recorded-ledger';

const NOTARY_ON_DEMAND = {
  LEDGER_NOTARY_EVERY_EVENTS: '1000000',
  LEDGER_NOTARY_EVERY_SECONDS: '86400',
};

describe('A published head', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'));
  const dataDir = path.join(work, 'data');
  const publishedFile = path.join(work, 'published-head.json');
  const publicKeyFile = path.join(work, 'notary.pem');
  let published: { treeSize: string; rootHash: string };
  let before: { events: EventEnvelope[]; heads: unknown; publicKey: unknown };
  let running: RunningApp;

  const start = () => startApp({ LEDGER_DATA_DIR: dataDir, ...NOTARY_ON_DEMAND });
  const snapshot = async (app: RunningApp) => {
    const reviewer = app.client.as('reviewer');
    return {
      events: (await reviewer.get('/audit?limit=1000')).body.events as EventEnvelope[],
      heads: (await reviewer.get('/integrity/heads')).body,
      publicKey: (await reviewer.get('/integrity/public-key')).body,
    };
  };

  beforeAll(async () => {
    const first = await start();
    try {
      const ids = await recordAlindao(first.client);
      await first.client.as('oversight').post('/integrity/heads');
      published = (await first.client.as('reviewer').get('/integrity/head')).body;
      fs.writeFileSync(publishedFile, JSON.stringify(published));
      fs.writeFileSync(
        publicKeyFile,
        (await first.client.as('reviewer').get('/integrity/public-key')).body.pem,
      );
      await recordFollowUp(first.client, ids);
      before = await snapshot(first);
    } finally {
      await first.close();
    }
    running = await start();
  });

  afterAll(async () => {
    await running.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  describe('after later appends and a restart', () => {
    it('finds every hash, head and the key exactly as they were', async () => {
      expect(await snapshot(running)).toEqual(before);
    });

    it('still verifies, and is consistent with a head signed now', async () => {
      const now = (await running.client.as('admin').post('/integrity/heads')).body;
      expect(now.treeSize).toBe(String(before.events.length));
      const { body } = await running.client
        .as('reviewer')
        .get(`/integrity/proofs/consistency?from=${published.treeSize}&to=${now.treeSize}`);
      expect(body.fromRoot).toBe(published.rootHash);
      expect(
        verifyConsistency(
          BigInt(published.treeSize),
          BigInt(now.treeSize),
          body.proof.map((hash: string) => parseHash(hash)),
          parseHash(published.rootHash),
          parseHash(now.rootHash),
        ),
      ).toEqual({ ok: true });
      const check = await ledger([
        'verify-proof',
        'consistency',
        '--size1',
        published.treeSize,
        '--size2',
        now.treeSize,
        '--root1',
        published.rootHash,
        '--root2',
        now.rootHash,
        '--proof',
        body.proof.join(','),
      ]);
      expect(check.code).toBe(0);
    });

    it('is extended by the whole store, on the server and in an export', async () => {
      const report = await running.client
        .as('oversight')
        .post('/integrity/verification', { trustedHeads: [published] });
      expect(report.body).toMatchObject({ ok: true, checked: { trustedHeads: 1 } });
      const offline = await exportAndVerify(dataDir, publicKeyFile, [
        '--trusted-head',
        publishedFile,
      ]);
      expect(offline.code).toBe(0);
      expect(offline.stdout).toContain('trusted heads: 1 kept by you');
    });
  });
});

describe('The notary on its schedule', () => {
  it('signs a head once the configured number of events has come', async () => {
    const running = await startApp({
      LEDGER_NOTARY_EVERY_EVENTS: '5',
      LEDGER_NOTARY_EVERY_SECONDS: '86400',
    });
    try {
      const reviewer = running.client.as('reviewer');
      expect((await reviewer.get('/integrity/head')).status).toBe(404);
      await recordAlindao(running.client);
      const deadline = Date.now() + 30_000; // a bound for a failing test only
      let head = await reviewer.get('/integrity/head');
      while (head.status === 404 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        head = await reviewer.get('/integrity/head');
      }
      expect(head.status).toBe(200);
      expect(Number(head.body.treeSize)).toBeGreaterThanOrEqual(5);
    } finally {
      await running.close();
    }
  });
});
