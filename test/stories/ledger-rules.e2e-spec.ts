import { fingerprint } from '../support/fingerprint';
import type { HttpResponse, LedgerClient } from '../support/http-client';
import { startApp, type RunningApp } from '../support/in-process-app';
import { ledgerHead, refusedWithoutChange } from '../support/ledger-head';
import type { EventPage } from '../support/ledger-views';
import { expectProblem, type ExpectedProblem } from '../support/problem-assertions';

/**
 * The rules of the domain, enforced through HTTP: each refusal is a 422 (409 for a stale
 * revision) with a stable problem type, and leaves the ledger exactly as it was.
 */
describe('The rules of the ledger, through HTTP', () => {
  let running: RunningApp;
  let admin: LedgerClient;
  let investigator: LedgerClient;
  let decider: LedgerClient;
  let reviewer: LedgerClient;

  const units = { named: '', other: '' };
  let incidentId = '';

  beforeAll(async () => {
    running = await startApp();
    admin = running.client.as('admin');
    investigator = running.client.as('investigator');
    decider = running.client.as('decider');
    reviewer = running.client.as('reviewer');
    await admin.create('/missions', {
      code: 'UNMISS',
      name: 'United Nations Mission in South Sudan',
      hostCountry: 'SSD',
    });
    const register = (country: string, designation: string) =>
      admin
        .create('/contingents', {
          country,
          unitType: 'infantry_battalion',
          designation,
          missionCode: 'UNMISS',
        })
        .then((r) => r.id);
    units.named = await register('ETH', 'Ethiopian battalion');
    units.other = await register('IND', 'Indian battalion');
    incidentId = await reportIncident();
  });

  afterAll(async () => {
    await running?.close();
  });

  const reportIncident = () =>
    investigator
      .create('/incidents', {
        missionCode: 'UNMISS',
        occurredAt: '2016-02-17T22:00:00+03:00',
        location: { name: 'Malakal POC site' },
        category: 'attack_on_poc_site',
        summary: 'Attack on the POC site',
        contingentIds: [units.named, units.other],
      })
      .then((r) => r.id);
  const openInvestigation = (kind = 'board_of_inquiry') =>
    investigator
      .create('/investigations', {
        incidentIds: [incidentId],
        kind,
        title: 'Board of Inquiry into the attack',
      })
      .then((r) => r.id);
  const findingBody = (extra: object = {}) => ({
    statement: 'Sentries abandoned their posts on the perimeter',
    category: 'abandonment_of_post',
    severity: 'high',
    attributions: [{ level: 'unit', contingentId: units.named }],
    ...extra,
  });
  const recordFindingRequest = (investigationId: string, extra: object = {}) =>
    investigator.post(`/investigations/${investigationId}/findings`, findingBody(extra));
  const recordFinding = (investigationId: string, extra: object = {}) =>
    investigator
      .create(`/investigations/${investigationId}/findings`, findingBody(extra))
      .then((r) => r.id);
  const logEvidence = (investigationId: string) =>
    investigator
      .create(`/investigations/${investigationId}/evidence`, {
        kind: 'imagery',
        description: 'Satellite imagery of the perimeter',
        sha256: fingerprint(`imagery for ${investigationId}`),
        custodian: 'UNMISS evidence room',
      })
      .then((r) => r.id);
  const recommendRepatriation = (investigationId: string, findingId: string) =>
    investigator
      .create(`/investigations/${investigationId}/recommendations`, {
        action: 'repatriate_unit',
        contingentId: units.named,
        findingIds: [findingId],
        rationale: 'The unit abandoned the perimeter',
      })
      .then((r) => r.id);

  /** The request is refused as `expected` and the ledger's head does not move. */
  const expectRefused = async (send: () => Promise<HttpResponse>, expected: ExpectedProblem) =>
    expectProblem(await refusedWithoutChange(running.client, send), expected);

  describe('Naming', () => {
    it('refuses to name a unit that no finding is attributed to', async () => {
      const investigationId = await openInvestigation();
      const findingId = await recordFinding(investigationId);
      await expectRefused(
        () =>
          investigator.post(`/investigations/${investigationId}/namings`, {
            contingentId: units.other,
            findingIds: [findingId],
            public: true,
          }),
        { status: 422, code: 'no_finding_attributed_to_unit', field: 'findingIds' },
      );
    });

    it('refuses to name a unit on a withdrawn finding', async () => {
      const investigationId = await openInvestigation();
      const findingId = await recordFinding(investigationId);
      await investigator.create(
        `/investigations/${investigationId}/findings/${findingId}/withdrawal`,
        {
          reason: 'The testimony it rested on was retracted',
        },
      );
      await expectRefused(
        () =>
          investigator.post(`/investigations/${investigationId}/namings`, {
            contingentId: units.named,
            findingIds: [findingId],
            public: false,
          }),
        { status: 422, code: 'finding_withdrawn', field: 'findingIds' },
      );
    });
  });

  describe('Findings', () => {
    it('refuses a finding that cites evidence of another investigation', async () => {
      const investigationId = await openInvestigation();
      const otherInvestigation = await openInvestigation('mission_internal');
      const foreignEvidence = await logEvidence(otherInvestigation);
      await expectRefused(
        () => recordFindingRequest(investigationId, { evidenceIds: [foreignEvidence] }),
        {
          status: 422,
          code: 'unknown_evidence',
          field: 'evidenceIds',
        },
      );
    });

    it('accepts a finding that cites evidence of its own investigation', async () => {
      const investigationId = await openInvestigation();
      const evidenceId = await logEvidence(investigationId);
      await recordFinding(investigationId, { evidenceIds: [evidenceId] });
    });
  });

  describe('Investigation', () => {
    describe('when closed', () => {
      it('rejects a new finding, then accepts it once reopened with a reason', async () => {
        const investigationId = await openInvestigation();
        await investigator.create(`/investigations/${investigationId}/closure`, {
          summary: 'Report delivered',
        });
        await expectRefused(() => recordFindingRequest(investigationId), {
          status: 422,
          code: 'investigation_closed',
        });
        await investigator.create(`/investigations/${investigationId}/reopening`, {
          reason: 'New testimony from the sentries',
        });
        const accepted = await recordFindingRequest(investigationId);
        expect(accepted.status).toBe(201);
      });
    });
  });

  describe('Repatriation decision', () => {
    it('refuses to defer against a recommendation to repatriate without saying why', async () => {
      const investigationId = await openInvestigation();
      const recommendationId = await recommendRepatriation(
        investigationId,
        await recordFinding(investigationId),
      );
      const deferral = {
        recommendationId,
        contingentId: units.named,
        scope: 'unit',
        outcome: 'defer',
        authority: 'Under-Secretary-General for Peace Operations',
        rationale: 'Not now',
      };
      const withoutReason = {
        status: 422,
        code: 'deviation_reason_required',
        field: 'reasonForDeviation',
      };
      await expectRefused(() => decider.post('/decisions', deferral), withoutReason);
      await expectRefused(
        () => decider.post('/decisions', { ...deferral, outcome: 'retain' }),
        withoutReason,
      );
      await expectRefused(
        () => decider.post('/decisions', { ...deferral, reasonForDeviation: '   ' }),
        withoutReason,
      );
      const explained = await decider.post('/decisions', {
        ...deferral,
        reasonForDeviation: 'Overtaken by geopolitical concerns',
      });
      expect(explained.status).toBe(201);
    });

    it('refuses to implement a decision that has lapsed', async () => {
      const investigationId = await openInvestigation();
      const recommendationId = await recommendRepatriation(
        investigationId,
        await recordFinding(investigationId),
      );
      const { id: decisionId } = await decider.create('/decisions', {
        recommendationId,
        contingentId: units.named,
        scope: 'unit',
        outcome: 'repatriate',
        authority: 'Under-Secretary-General for Peace Operations',
        rationale: 'As recommended',
      });
      await decider.create(`/decisions/${decisionId}/lapse`, {
        reason: 'The rotation ended first',
      });
      await expectRefused(
        () =>
          decider.post(`/decisions/${decisionId}/implementation`, {
            implementedAt: '2016-08-17T00:00:00Z',
          }),
        { status: 422, code: 'decision_final' },
      );
      const decision = await reviewer.get(`/decisions/${decisionId}`);
      expect({ status: decision.status, body: decision.body }).toMatchObject({
        status: 200,
        body: { decisionId, status: 'lapsed' },
      });
    });
  });

  describe('Incident', () => {
    describe('when closed', () => {
      it('rejects an amendment', async () => {
        const closedIncident = await reportIncident();
        await investigator.create(`/incidents/${closedIncident}/closure`, {
          reason: 'All investigations concluded',
        });
        await expectRefused(
          () =>
            investigator.post(`/incidents/${closedIncident}/amendments`, {
              changes: { casualties: { civiliansKilled: 31 } },
              reason: 'A further death was confirmed',
            }),
          { status: 422, code: 'incident_closed' },
        );
      });
    });
  });

  describe('a conditional write (If-Match)', () => {
    it('is refused with 409 when the stream has moved on, and accepted at the current revision', async () => {
      const amendedIncident = await reportIncident();
      const current = await reviewer.get<{ revision: number }>(`/incidents/${amendedIncident}`);
      expect(current.status).toBe(200);
      const revision = current.body.revision;
      await investigator.create(`/incidents/${amendedIncident}/amendments`, {
        changes: { summary: 'Attack on the POC site by armed men from outside' },
        reason: 'Witness statements',
      });
      const amendment = {
        changes: { casualties: { civiliansKilled: 30 } },
        reason: 'Count confirmed by the human rights division',
      };
      await expectRefused(
        () =>
          investigator.post(`/incidents/${amendedIncident}/amendments`, amendment, {
            'If-Match': String(revision),
          }),
        { status: 409, code: 'stale_revision' },
      );
      const head = await ledgerHead(running.client);
      const accepted = await investigator.post(
        `/incidents/${amendedIncident}/amendments`,
        amendment,
        {
          'If-Match': String(revision + 1),
        },
      );
      expect({ status: accepted.status, body: accepted.body }).toMatchObject({
        status: 201,
        body: {
          id: amendedIncident,
          streamId: `incident-${amendedIncident}`,
          revision: revision + 2,
        },
      });
      expect(accepted.body.position).toBeGreaterThan(head ?? -1);
      expect(await ledgerHead(running.client)).toBe(accepted.body.position);
      const stream = await reviewer.get<EventPage>(`/streams/incident-${amendedIncident}`);
      expect(stream.body.events.map((e) => e.type)).toEqual([
        'IncidentReported',
        'IncidentAmended',
        'IncidentAmended',
      ]);
    });
  });
});
