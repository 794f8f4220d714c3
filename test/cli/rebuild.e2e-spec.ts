import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { LedgerClient } from '../support/http-client';
import { startLedgerProcess } from '../support/ledger-process';
import { principalsEnv } from '../support/principals';

const CLI_MAIN = path.resolve(__dirname, '../../dist/apps/cli/src/main.js');
const run = promisify(execFile);

/** Builds a small ledger: one incident, one investigation, a finding, a naming, a decision. */
async function recordAStory(
  client: LedgerClient,
): Promise<{ incidentId: string; contingentId: string }> {
  const admin = client.as('admin');
  const investigator = client.as('investigator');
  await admin.create('/missions', { code: 'MINUSCA', name: 'MINUSCA', hostCountry: 'CAF' });
  const { id: contingentId } = await admin.create('/contingents', {
    country: 'MRT',
    unitType: 'infantry_battalion',
    designation: 'Mauritanian battalion',
    missionCode: 'MINUSCA',
  });
  const { id: incidentId } = await investigator.create('/incidents', {
    missionCode: 'MINUSCA',
    occurredAt: '2018-11-15T10:00:00Z',
    location: { name: 'Alindao displacement camp' },
    category: 'attack_on_civilians',
    summary: 'Attack on the displacement camp; more than 100 civilians killed',
    casualties: { civiliansKilled: 112 },
    contingentIds: [contingentId],
  });
  const { id: investigationId } = await investigator.create('/investigations', {
    incidentIds: [incidentId],
    kind: 'special_investigation',
    title: 'Special investigation into the attack on Alindao',
  });
  const { id: findingId } = await investigator.create(
    `/investigations/${investigationId}/findings`,
    {
      statement:
        'The contingent showed passivity and a poor understanding of the rules of engagement',
      category: 'rules_of_engagement',
      severity: 'high',
      attributions: [{ level: 'unit', contingentId }],
      contextFactors: ['only 54 peacekeepers guarded a camp of more than 20,000 people'],
    },
  );
  await investigator.create(`/investigations/${investigationId}/namings`, {
    contingentId,
    findingIds: [findingId],
    public: true,
  });
  const { id: recommendationId } = await investigator.create(
    `/investigations/${investigationId}/recommendations`,
    {
      action: 'repatriate_unit',
      contingentId,
      findingIds: [findingId],
      rationale: 'Failure to protect',
    },
  );
  const { id: decisionId } = await client.as('decider').create('/decisions', {
    recommendationId,
    contingentId,
    scope: 'unit',
    outcome: 'repatriate',
    authority: 'Under-Secretary-General for Peace Operations',
    rationale: 'The findings of the special investigation',
    decidedAt: '2019-01-10T00:00:00Z',
  });
  await client
    .as('decider')
    .create(`/decisions/${decisionId}/implementation`, { implementedAt: '2019-03-01T00:00:00Z' });
  return { incidentId, contingentId };
}

async function readViews(client: LedgerClient, ids: { incidentId: string; contingentId: string }) {
  const reviewer = client.as('reviewer');
  const paths = [
    `/incidents/${ids.incidentId}/timeline?order=occurred`,
    `/incidents/${ids.incidentId}/timeline?order=recorded`,
    `/contingents/${ids.contingentId}/history`,
    '/incidents',
    '/contingents',
    '/recommendations',
    '/follow-through',
    '/audit?limit=1000',
  ];
  // Every read as of each instant an event was recorded at, too: the versions the read models
  // keep must be the same whether built event by event or replayed in batches.
  const audit = await reviewer.get('/audit?limit=1000');
  const instants = [
    ...new Set(audit.body.events.map((e: { recordedAt: string }) => e.recordedAt)),
  ] as string[];
  const asOf = (p: string, instant: string) =>
    `${p}${p.includes('?') ? '&' : '?'}asOf=${encodeURIComponent(instant)}`;
  const views: Record<string, unknown> = {};
  for (const p of [
    ...paths,
    ...instants.flatMap((instant) => paths.map((q) => asOf(q, instant))),
  ]) {
    const response = await reviewer.get(p);
    expect(response.status).toBe(200);
    views[p] = response.body;
  }
  return views;
}

describe('ledger rebuild', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-rebuild-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('replays the read models from zero into exactly what was built incrementally', async () => {
    const first = await startLedgerProcess(dataDir);
    const ids = await recordAStory(first.client);
    const incremental = await readViews(first.client, ids);
    await first.stop();

    const { stdout } = await run(process.execPath, [CLI_MAIN, 'rebuild'], {
      env: { ...process.env, LEDGER_DATA_DIR: dataDir, LEDGER_PRINCIPALS: principalsEnv() },
    });
    expect(stdout).toMatch(/rebuilt .* up to position \d+/);

    const second = await startLedgerProcess(dataDir);
    try {
      expect(await readViews(second.client, ids)).toEqual(incremental);
    } finally {
      await second.stop();
    }
  });

  it('refuses an unknown read model by name and changes nothing', async () => {
    const rebuild = run(process.execPath, [CLI_MAIN, 'rebuild', '--projection', 'no-such-model'], {
      env: { ...process.env, LEDGER_DATA_DIR: dataDir, LEDGER_PRINCIPALS: principalsEnv() },
    });
    await expect(rebuild).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no-such-model/),
    });
  });
});
