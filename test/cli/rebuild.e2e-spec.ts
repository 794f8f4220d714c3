import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { LedgerClient } from '../support/http-client';
import { startLedgerProcess } from '../support/ledger-process';
import { principalsEnv } from '../support/principals';
import { exportAndVerify } from '../integrity/ledger-cli';

const CLI_MAIN = path.resolve(__dirname, '../../dist/apps/cli/src/main.js');
const run = promisify(execFile);

interface StoryIds {
  incidentId: string;
  contingentId: string;
  appointmentId: string;
  returnedId: string;
}

/**
 * Builds a small ledger: one incident, one investigation, a finding, a naming, a decision
 * carried out (the unit repatriated); a mission leader named by a finding, relieved by a
 * decision carried out; a unit withdrawn and returned; an allegation of sexual exploitation and
 * abuse, its notification and the national investigation officer (deadlines).
 */
async function recordAStory(client: LedgerClient): Promise<StoryIds> {
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

  const { id: appointmentId } = await admin.create('/missions/MINUSCA/leaders', {
    role: 'force_commander',
    subjectId: 'subject-fc',
    nationality: 'SEN',
    appointedAt: '2018-01-01T00:00:00Z',
  });
  const { id: leaderFinding } = await investigator.create(
    `/investigations/${investigationId}/findings`,
    {
      statement: 'The force commander did not reinforce the camp',
      category: 'leadership',
      severity: 'high',
      attributions: [{ level: 'role', role: 'force_commander', appointmentId }],
    },
  );
  const { id: relieveId } = await investigator.create(
    `/investigations/${investigationId}/recommendations`,
    {
      action: 'relieve_leader',
      appointmentId,
      findingIds: [leaderFinding],
      rationale: 'Command responsibility',
    },
  );
  const { id: reliefId } = await client.as('decider').create('/decisions', {
    recommendationId: relieveId,
    appointmentId,
    scope: 'leader',
    outcome: 'relieve',
    authority: 'Secretary-General',
    rationale: 'The findings of the special investigation',
    decidedAt: '2019-01-15T00:00:00Z',
  });
  await client
    .as('decider')
    .create(`/decisions/${reliefId}/implementation`, { implementedAt: '2019-02-01T00:00:00Z' });

  const { id: returnedId } = await admin.create('/contingents', {
    country: 'BDI',
    unitType: 'infantry_battalion',
    designation: 'Burundian battalion',
    missionCode: 'MINUSCA',
    strength: 850,
    deployedAt: '2017-01-01T00:00:00Z',
  });
  await admin.create(`/contingents/${returnedId}/withdrawal`, {
    at: '2019-05-01T00:00:00Z',
    by: 'contributing_country',
    reason: 'End of the deployment',
  });
  await admin.create(`/contingents/${returnedId}/return`, {
    at: '2019-09-01T00:00:00Z',
    strength: 600,
  });
  const { id: allegation } = await investigator.create('/incidents', {
    missionCode: 'MINUSCA',
    occurredAt: '2019-06-01T00:00:00Z',
    location: { name: 'Bangui' },
    category: 'sexual_exploitation_and_abuse',
    summary: 'An allegation of sexual exploitation and abuse',
    contingentIds: [returnedId],
  });
  await investigator.create(`/contingents/${returnedId}/notifications`, {
    subjectStreamId: `incident-${allegation}`,
    notifiedAt: '2019-06-05T10:00:00+01:00',
    channel: 'note_verbale',
  });
  const { id: national } = await investigator.create('/investigations', {
    incidentIds: [allegation],
    kind: 'national_investigation',
    title: 'National investigation',
    dueBy: '2019-09-30T00:00:00Z',
  });
  await investigator.create(`/investigations/${national}/national-investigator`, {
    country: 'BDI',
    appointedAt: '2019-06-20T10:00:00+01:00',
  });
  return { incidentId, contingentId, appointmentId, returnedId };
}

async function readViews(client: LedgerClient, ids: StoryIds) {
  const reviewer = client.as('reviewer');
  const paths = [
    `/incidents/${ids.incidentId}/timeline?order=occurred`,
    `/incidents/${ids.incidentId}/timeline?order=recorded`,
    `/contingents/${ids.contingentId}/history`,
    `/contingents/${ids.returnedId}/history`,
    `/missions/MINUSCA/leaders/${ids.appointmentId}/history`,
    '/incidents',
    '/contingents',
    '/recommendations',
    '/follow-through',
    '/deadlines',
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
    // A leader's history as of an instant before the appointment was recorded is a 404, as the
    // appointment was then; every other view answers. Either way both builds must agree.
    expect([200, ...(p.includes('/leaders/') ? [404] : [])]).toContain(response.status);
    // The clock a list of deadlines was read with is the reading's, not the read model's.
    const { clock: _clock, ...view } = response.body as Record<string, unknown>;
    views[p] = { status: response.status, ...view };
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
    let ids: StoryIds;
    let incremental: Record<string, unknown>;
    try {
      ids = await recordAStory(first.client);
      incremental = await readViews(first.client, ids);
    } finally {
      await first.stop();
    }

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

  it('exports the new events with the rest, and the export verifies offline', async () => {
    const running = await startLedgerProcess(dataDir);
    let publicKey: string;
    try {
      await recordAStory(running.client);
      expect((await running.client.as('oversight').post('/integrity/heads')).status).toBe(201);
      publicKey = (await running.client.as('reviewer').get('/integrity/public-key')).body.pem;
      const types = new Set(
        (await running.client.as('reviewer').get('/audit?limit=1000')).body.events.map(
          (e: { type: string }) => e.type,
        ),
      );
      for (const type of [
        'LeaderAppointed',
        'LeaderDeparted',
        'ContingentWithdrawn',
        'ContingentReturned',
        'NationalInvestigatorAppointed',
      ]) {
        expect(types.has(type)).toBe(true);
      }
    } finally {
      await running.stop();
    }
    const keyFile = path.join(dataDir, 'notary.pem');
    fs.writeFileSync(keyFile, publicKey);
    const verified = await exportAndVerify(dataDir, keyFile);
    expect(verified.stdout).toMatch(/^OK: no event was changed, removed, reordered or inserted/m);
    expect(verified.code).toBe(0);
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
