import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LedgerClient } from '../support/http-client';
import { ledgerHead } from '../support/ledger-head';
import { startLedgerProcess, type LedgerProcess } from '../support/ledger-process';
import { expectProblem } from '../support/problem-assertions';

const VICTIM = 'victim-assignment';
const NAME = 'Esther Need-To-Know';

describe('Investigators and the incidents they answer for', () => {
  let dataDir: string;
  let ledger: LedgerProcess;
  let incidentId: string;
  let chinese: string;
  let ethiopian: string;
  let third: LedgerClient;

  const personalOf = async (client: LedgerClient) => {
    const stream = await client.get(`/streams/incident-${incidentId}`);
    expect(stream.status).toBe(200);
    return stream.body.events[0].personal as unknown;
  };
  const refusedAsUnassigned = async (response: Promise<unknown>) => {
    const before = await ledgerHead(ledger.client);
    expectProblem((await response) as never, { status: 403, code: 'not_assigned' });
    expect(await ledgerHead(ledger.client)).toBe(before);
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-assign-'));
    ledger = await startLedgerProcess(dataDir);
    const admin = ledger.client.as('admin');
    await admin.create('/missions', { code: 'UNMISS', name: 'UNMISS', hostCountry: 'SSD' });
    const unit = async (country: string) =>
      (
        await admin.create('/contingents', {
          country,
          unitType: 'infantry_battalion',
          designation: `${country} battalion`,
          missionCode: 'UNMISS',
        })
      ).id;
    chinese = await unit('CHN');
    ethiopian = await unit('ETH');
    incidentId = (
      await ledger.client.as('investigator').create('/incidents', {
        missionCode: 'UNMISS',
        occurredAt: '2016-07-11T10:00:00Z',
        location: { name: 'Terrain compound' },
        category: 'attack_on_civilians',
        summary: 'Attack on the Terrain compound',
        contingentIds: [chinese],
        subjects: [{ subjectId: VICTIM, role: 'victim', details: { name: NAME } }],
      })
    ).id;
    const created = await admin.post('/principals', {
      id: 'inv-third',
      name: 'A third investigator',
      roles: ['investigator'],
    });
    third = ledger.client.withToken(created.body.token as string);
  });

  afterAll(async () => {
    await ledger?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  describe('an investigator who neither reported the incident nor is assigned to it', () => {
    const other = () => ledger.client.as('investigator2');

    it('may not open an investigation into it', async () => {
      const response = other().post('/investigations', {
        incidentIds: [incidentId],
        kind: 'mission_internal',
        title: 'An investigation nobody asked for',
      });
      await refusedAsUnassigned(response);
      expect(((await response) as { body: { field: string } }).body.field).toBe('incidentIds[0]');
    });

    it('may not amend it, link units to it, close it or reopen it', async () => {
      const id = incidentId;
      await refusedAsUnassigned(
        other().post(`/incidents/${id}/amendments`, { changes: { summary: 'X' }, reason: 'Y' }),
      );
      await refusedAsUnassigned(
        other().post(`/incidents/${id}/units`, { contingentIds: [ethiopian] }),
      );
      await refusedAsUnassigned(other().post(`/incidents/${id}/closure`, { reason: 'Done' }));
      await refusedAsUnassigned(other().post(`/incidents/${id}/reopening`, { reason: 'Again' }));
    });

    it('may not assign itself, and reads no details', async () => {
      await refusedAsUnassigned(
        other().post(`/incidents/${incidentId}/investigators`, { investigatorId: 'inv-mission' }),
      );
      expect(await personalOf(other())).toEqual({ [VICTIM]: '[redacted]' });
    });
  });

  describe('once an admin assigns it to the incident', () => {
    beforeAll(async () => {
      await ledger.client
        .as('admin')
        .create(`/incidents/${incidentId}/investigators`, { investigatorId: 'inv-mission' });
    });

    it('may change the incident and reads its details', async () => {
      const other = ledger.client.as('investigator2');
      await other.create(`/incidents/${incidentId}/amendments`, {
        changes: { summary: 'Attack on the Terrain compound, 11 July' },
        reason: 'The date was confirmed',
      });
      expect(await personalOf(other)).toEqual({ [VICTIM]: { name: NAME } });
    });

    it('may assign another investigator in turn', async () => {
      const response = await ledger.client
        .as('investigator2')
        .post(`/incidents/${incidentId}/investigators`, { investigatorId: 'inv-somebody' });
      expect(response.status).toBe(201);
    });
  });

  describe('an investigator assigned to an investigation that covers the incident', () => {
    it('answers for the incident too', async () => {
      await refusedAsUnassigned(third.post(`/incidents/${incidentId}/closure`, { reason: 'Done' }));
      const investigation = await ledger.client.as('investigator').create('/investigations', {
        incidentIds: [incidentId],
        kind: 'board_of_inquiry',
        title: 'Board of Inquiry',
      });
      await ledger.client
        .as('investigator')
        .create(`/investigations/${investigation.id}/investigators`, {
          investigatorId: 'inv-third',
        });
      await third.create(`/incidents/${incidentId}/closure`, { reason: 'The Board has the facts' });
      await third.create(`/incidents/${incidentId}/reopening`, { reason: 'New testimony' });
    });
  });

  describe('when a responsible investigator links another country’s unit', () => {
    it('shows the incident to that country’s liaison, never the victims’ details', async () => {
      await ledger.client
        .as('investigator')
        .create(`/incidents/${incidentId}/units`, { contingentIds: [ethiopian] });
      const liaison = ledger.client.as('liaisonETH');
      expect((await liaison.get(`/incidents/${incidentId}`)).status).toBe(200);
      const stream = await liaison.get(`/streams/incident-${incidentId}`);
      expect(JSON.stringify(stream.body)).not.toContain(NAME);
      const withDetails = stream.body.events.filter((e: { personal?: unknown }) => e.personal);
      expect(withDetails.map((e: { personal: unknown }) => e.personal)).toEqual([
        { [VICTIM]: '[redacted]' },
      ]);
    });
  });

  it('documents the route in OpenAPI', async () => {
    const openApi = await ledger.client.get('/openapi.json');
    expect(Object.keys(openApi.body.paths)).toContain('/incidents/{id}/investigators');
  });
});
