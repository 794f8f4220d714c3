import { randomUUID } from 'node:crypto';
import { recordFixtures } from '../bad-input/fixtures';
import type { Fixtures } from '../bad-input/write-endpoints';
import type { HttpResponse } from '../support/http-client';
import { startLedgerProcess, type LedgerProcess } from '../support/ledger-process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** What a liaison may compare between two answers: everything but the id it asked about. */
const comparable = (response: HttpResponse, id: string) => ({
  status: response.status,
  contentType: response.contentType,
  body: JSON.parse(JSON.stringify(response.body).split(id).join('<id>')) as unknown,
});

describe('A liaison asking about another country’s records', () => {
  let dataDir: string;
  let ledger: LedgerProcess;
  let f: Fixtures;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-oracle-'));
    ledger = await startLedgerProcess(dataDir);
    // Every record of the fixtures is about Ethiopia's unit: Mauritania's liaison sees none of it.
    f = await recordFixtures(ledger.client);
    f.incidentId = (
      await ledger.client.as('investigator').create('/incidents', {
        missionCode: 'UNMISS',
        occurredAt: '2016-07-10T12:00:00Z',
        location: { name: 'Juba' },
        category: 'failure_to_protect',
        summary: 'An incident the Ethiopian unit was in',
        contingentIds: [f.contingentId],
      })
    ).id;
  });

  afterAll(async () => {
    await ledger?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const routes: [string, (id: string) => string, () => string, 'GET' | 'POST'][] = [
    ['a contingent', (id) => `/contingents/${id}`, () => f.contingentId, 'GET'],
    ['a contingent’s history', (id) => `/contingents/${id}/history`, () => f.contingentId, 'GET'],
    [
      'a reply for a contingent',
      (id) => `/contingents/${id}/replies`,
      () => f.contingentId,
      'POST',
    ],
    ['an incident', (id) => `/incidents/${id}`, () => f.incidentId, 'GET'],
    ['an incident’s timeline', (id) => `/incidents/${id}/timeline`, () => f.incidentId, 'GET'],
    ['an investigation', (id) => `/investigations/${id}`, () => f.investigationId, 'GET'],
    ['a decision', (id) => `/decisions/${id}`, () => f.decisionId, 'GET'],
    ['a contingent’s stream', (id) => `/streams/contingent-${id}`, () => f.contingentId, 'GET'],
    ['an incident’s stream', (id) => `/streams/incident-${id}`, () => f.incidentId, 'GET'],
    [
      'an investigation’s stream',
      (id) => `/streams/investigation-${id}`,
      () => f.investigationId,
      'GET',
    ],
    ['a decision’s stream', (id) => `/streams/decision-${id}`, () => f.decisionId, 'GET'],
  ];

  it.each(routes)(
    'gets the same answer for %s that is not its country’s as for one that does not exist',
    async (_, pathFor, existing, method) => {
      const liaison = ledger.client.as('liaisonMRT');
      const body =
        method === 'POST'
          ? JSON.stringify({ statement: 'Our reply', regarding: `contingent-${existing()}` })
          : undefined;
      const unknown = randomUUID();
      const notOurs = await liaison.request(method, pathFor(existing()), body);
      const absent = await liaison.request(
        method,
        pathFor(unknown),
        body?.split(existing()).join(unknown),
      );
      // Investigations are not a liaison's to read at all (the permission table): 403 for both.
      expect(notOurs.status).toBe(pathFor('x').startsWith('/investigations/') ? 403 : 404);
      expect(comparable(notOurs, existing())).toEqual(comparable(absent, unknown));
      // And the record is there for the liaison of the country it concerns.
      if (method === 'GET' && !pathFor('x').startsWith('/investigations/')) {
        expect((await ledger.client.as('liaisonETH').get(pathFor(existing()))).status).toBe(200);
      }
    },
  );

  it.each(routes.filter(([, , , method]) => method === 'GET'))(
    'gets the same answer for %s as of an instant, past or future, that is not its country’s as for one that does not exist',
    async (_, pathFor, existing) => {
      const liaison = ledger.client.as('liaisonMRT');
      const unknown = randomUUID();
      for (const instant of [new Date().toISOString(), '2116-01-01T00:00:00.000Z']) {
        const asOf = (p: string) => `${p}?asOf=${encodeURIComponent(instant)}`;
        const notOurs = await liaison.get(asOf(pathFor(existing())));
        const absent = await liaison.get(asOf(pathFor(unknown)));
        expect(notOurs.status).toBe(pathFor('x').startsWith('/investigations/') ? 403 : 404);
        expect(comparable(notOurs, existing())).toEqual(comparable(absent, unknown));
      }
    },
  );
});
