import { Client } from 'pg';
import { DATABASE_URL } from '../../libs/event-store/src/postgres/testing/test-database';
import { VERIFICATION_LOCK_CLASS } from '../../apps/api/src/integrity/verification-turns';
import {
  incidentReport,
  registerMissionAndContingent,
} from '../reliability/support/ledger-fixtures';
import type { LedgerProcess } from '../support/ledger-process';
import { PostgresDeployment } from './support/postgres-deployment';
import { eventually } from '../../libs/event-store/src/postgres/testing/collecting-subscriber';

const describeOnPostgres = DATABASE_URL || process.env.CI ? describe : describe.skip;
if (!DATABASE_URL && !process.env.CI) {
  console.warn('DATABASE_URL is not set: verification turns on PostgreSQL were NOT run');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Integrity {
  status: string;
  lastFullPassAt: string | null;
}

describeOnPostgres('The background verification of two API processes on one PostgreSQL', () => {
  let deployment: PostgresDeployment;
  let apis: LedgerProcess[];
  let test: Client;

  beforeAll(async () => {
    if (!DATABASE_URL) throw new Error('DATABASE_URL is not set on CI');
    deployment = await PostgresDeployment.create(DATABASE_URL);
    const env = { LEDGER_VERIFY_EVERY_SECONDS: '1' };
    apis = [await deployment.startApi({ env }), await deployment.startApi({ env })];
    const contingentId = await registerMissionAndContingent(apis[0].client);
    await apis[1].client
      .as('investigator')
      .create('/incidents', incidentReport(contingentId, 'Verified by one instance at a time'));
    test = new Client({ connectionString: deployment.url });
    await test.connect();
  }, 120_000);

  afterAll(async () => {
    await test?.end();
    await deployment?.tearDown();
  }, 60_000);

  const integrityOf = async (api: LedgerProcess): Promise<Integrity> =>
    (await api.client.get<{ integrity: Integrity }>('/health')).body.integrity;
  const shared = async () => {
    const { rows } = await test.query<{ passes: string; finished_at: Date; ok: boolean }>(
      'SELECT passes, finished_at, ok FROM integrity_passes WHERE id = 1',
    );
    return rows[0] && { ...rows[0], passes: Number(rows[0].passes) };
  };

  it('runs while no one holds the lock, records each pass once, and every instance reports the last one', async () => {
    await eventually(async () => ((await shared())?.passes ?? 0) >= 3);
    const row = await shared();
    expect(row.ok).toBe(true);
    for (const api of apis) {
      const integrity = await integrityOf(api);
      expect(integrity.status).toBe('ok');
      expect(integrity.lastFullPassAt).not.toBeNull();
    }
  }, 60_000);

  it('runs no pass on any instance while the lock is held elsewhere, and both report the holder’s last result', async () => {
    // The test takes the turn, as a third instance in the middle of a long pass would.
    await test.query('SELECT pg_advisory_lock($1, hashtext($2))', [
      VERIFICATION_LOCK_CLASS,
      'public',
    ]);
    let held: Awaited<ReturnType<typeof shared>>;
    try {
      // The lock came once any pass running had been recorded; every instance takes that pass
      // in (the one that ran it, once it let go of the turn; the others on their next turn).
      held = await shared();
      const heldAt = held.finished_at.toISOString();
      await eventually(async () =>
        (await Promise.all(apis.map(integrityOf))).every(
          (integrity) => integrity.lastFullPassAt !== null && integrity.lastFullPassAt >= heldAt,
        ),
      );
      const before = await Promise.all(apis.map(integrityOf));
      await sleep(3500); // three turns of each instance's timer
      const after = await shared();
      expect(after.passes).toBe(held.passes);
      const lastAt = after.finished_at.toISOString();
      for (const [i, api] of apis.entries()) {
        // An instance reports the latest pass it knows of: the last recorded one, or its own
        // first pass at start when that ended later; none ran meanwhile.
        const integrity = await integrityOf(api);
        expect(integrity.status).toBe('ok');
        expect(integrity.lastFullPassAt! >= lastAt).toBe(true);
        expect(integrity.lastFullPassAt).toBe(before[i].lastFullPassAt);
      }
    } finally {
      await test.query('SELECT pg_advisory_unlock($1, hashtext($2))', [
        VERIFICATION_LOCK_CLASS,
        'public',
      ]);
    }
    await eventually(async () => (await shared()).passes > held!.passes);
  }, 60_000);
});
