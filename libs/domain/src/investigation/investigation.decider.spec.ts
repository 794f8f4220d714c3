import fc from 'fast-check';
import {
  InvestigationCommand,
  investigationDecider,
  investigationStreamId,
} from './investigation.decider';
import {
  a,
  an,
  CHINESE_BATTALION,
  command,
  FINGERPRINT,
  given,
  INVESTIGATION_ID,
  LEAD_INVESTIGATOR,
  notFound,
  opening,
  stateAfter,
  violation,
} from './testing/investigation.fixtures';
import type { InvestigationEvent } from './investigation.events';

const openCommand = (overrides = {}) =>
  command('OpenInvestigation', {
    investigationId: INVESTIGATION_ID,
    incidentIds: ['incident-terrain-2016-07-11', 'incident-poc-1-2016-07-10'],
    kind: 'special_investigation',
    title: 'Special investigation into the violence in Juba in July 2016',
    ...overrides,
  });

const factCommands = (): [string, InvestigationCommand][] => [
  ['a new finding', a.finding('finding-2')],
  ['new evidence', a.evidence('evidence-2')],
  ['a naming', a.naming('naming-1', CHINESE_BATTALION, ['finding-1'])],
  ['a recommendation', a.recommendation('recommendation-1')],
  [
    'a custody transfer',
    command('TransferEvidenceCustody', {
      evidenceId: 'evidence-1',
      toCustodian: 'OIOS',
      transferredAt: '2016-11-02T10:00:00Z',
      reason: 'handed to oversight',
    }),
  ],
  [
    'a revision',
    command('ReviseFinding', {
      findingId: 'finding-1',
      changes: { severity: 'high' },
      reason: 'reassessed',
    }),
  ],
  ['a withdrawal', command('WithdrawFinding', { findingId: 'finding-1', reason: 'retracted' })],
  [
    'a report',
    command('SubmitReport', { summary: 'Final report', submittedAt: '2016-11-01T12:00:00Z' }),
  ],
  ['an assignment', command('AssignInvestigator', { investigatorId: 'principal-2' })],
  ['a second closing', command('CloseInvestigation', { summary: 'again' })],
];

describe('Investigation', () => {
  it('lives in a stream named after its id', () => {
    expect(investigationStreamId(INVESTIGATION_ID)).toBe(`investigation-${INVESTIGATION_ID}`);
  });

  describe('when not yet opened', () => {
    it('opens on its incidents and assigns the investigator who opened it', () => {
      expect(given().when(openCommand())).toEqual([
        {
          type: 'InvestigationOpened',
          data: {
            investigationId: INVESTIGATION_ID,
            incidentIds: ['incident-terrain-2016-07-11', 'incident-poc-1-2016-07-10'],
            kind: 'special_investigation',
            title: 'Special investigation into the violence in Juba in July 2016',
          },
        },
        {
          type: 'InvestigatorAssigned',
          data: { investigationId: INVESTIGATION_ID, investigatorId: LEAD_INVESTIGATOR },
        },
      ]);
    });

    it('keeps its terms of reference and due date', () => {
      const [opened] = given().when(
        openCommand({ termsOfReference: 'Establish the response', dueBy: '2016-11-01T00:00:00Z' }),
      );
      expect(opened.data).toMatchObject({
        termsOfReference: 'Establish the response',
        dueBy: '2016-11-01T00:00:00Z',
      });
    });

    it('rejects an investigation that covers no incident', () => {
      expect(() => given().when(openCommand({ incidentIds: [] }))).toThrow(
        violation('incident_required', 'incidentIds'),
      );
    });

    it('rejects an incident listed twice', () => {
      expect(() =>
        given().when(openCommand({ incidentIds: ['incident-1', 'incident-1'] })),
      ).toThrow(violation('duplicate_id', 'incidentIds'));
    });

    it('rejects a blank title', () => {
      expect(() => given().when(openCommand({ title: '  ' }))).toThrow(
        violation('text_required', 'title'),
      );
    });

    it('rejects a kind outside the vocabulary', () => {
      expect(() => given().when(openCommand({ kind: 'tribunal' }))).toThrow(
        violation('not_in_vocabulary', 'kind'),
      );
    });

    it('rejects a due date without a zone', () => {
      expect(() => given().when(openCommand({ dueBy: '2016-11-01T00:00:00' }))).toThrow(
        violation('invalid_time', 'dueBy'),
      );
    });

    it.each([...factCommands(), ['a reopening', command('ReopenInvestigation', { reason: 'x' })]])(
      'answers %s with investigation_not_found',
      (_label, next) => {
        expect(() => given().when(next)).toThrow(notFound('investigation_not_found'));
      },
    );
  });

  describe('when open', () => {
    it('rejects being opened again', () => {
      expect(() => given(...opening()).when(openCommand())).toThrow(
        violation('investigation_already_opened'),
      );
    });

    it('assigns a further investigator', () => {
      expect(
        given(...opening()).when(command('AssignInvestigator', { investigatorId: 'principal-2' })),
      ).toEqual([
        {
          type: 'InvestigatorAssigned',
          data: { investigationId: INVESTIGATION_ID, investigatorId: 'principal-2' },
        },
      ]);
    });

    it('rejects assigning an investigator already assigned', () => {
      expect(() =>
        given(...opening()).when(
          command('AssignInvestigator', { investigatorId: LEAD_INVESTIGATOR }),
        ),
      ).toThrow(violation('investigator_already_assigned', 'investigatorId'));
    });

    it('submits a report that occurred when it was submitted', () => {
      expect(
        given(...opening()).when(
          command('SubmitReport', {
            summary: 'Final report',
            reportSha256: 'B'.repeat(64),
            submittedAt: '2016-11-01T12:00:00+03:00',
          }),
        ),
      ).toEqual([
        {
          type: 'InvestigationReportSubmitted',
          data: {
            investigationId: INVESTIGATION_ID,
            summary: 'Final report',
            reportSha256: 'b'.repeat(64),
            submittedAt: '2016-11-01T12:00:00+03:00',
          },
          occurredAt: '2016-11-01T12:00:00+03:00',
        },
      ]);
    });

    it('rejects a report whose fingerprint is not a SHA-256', () => {
      expect(() =>
        given(...opening()).when(
          command('SubmitReport', {
            summary: 'Final report',
            reportSha256: 'abc',
            submittedAt: '2016-11-01T12:00:00Z',
          }),
        ),
      ).toThrow(violation('invalid_sha256', 'reportSha256'));
    });

    it('closes with a summary', () => {
      expect(
        given(...opening()).when(command('CloseInvestigation', { summary: 'Report delivered' })),
      ).toEqual([
        {
          type: 'InvestigationClosed',
          data: { investigationId: INVESTIGATION_ID, summary: 'Report delivered' },
        },
      ]);
    });

    it('rejects closing without a summary', () => {
      expect(() =>
        given(...opening()).when(command('CloseInvestigation', { summary: '' })),
      ).toThrow(violation('text_required', 'summary'));
    });

    it('rejects a reopening', () => {
      expect(() =>
        given(...opening()).when(command('ReopenInvestigation', { reason: 'new facts' })),
      ).toThrow(violation('investigation_not_closed'));
    });
  });

  describe('when closed', () => {
    const closedHistory = [
      ...opening(),
      an.evidenceLogged('evidence-1'),
      an.findingRecorded('finding-1'),
      an.closed(),
    ];

    it.each(factCommands())('rejects %s', (_label, next) => {
      expect(() => given(...closedHistory).when(next)).toThrow(violation('investigation_closed'));
    });

    it('reopens with a reason', () => {
      expect(
        given(...closedHistory).when(
          command('ReopenInvestigation', { reason: 'new evidence from the Nepalese unit' }),
        ),
      ).toEqual([
        {
          type: 'InvestigationReopened',
          data: {
            investigationId: INVESTIGATION_ID,
            reason: 'new evidence from the Nepalese unit',
          },
        },
      ]);
    });

    it('rejects a reopening without a reason', () => {
      expect(() =>
        given(...closedHistory).when(command('ReopenInvestigation', { reason: ' ' })),
      ).toThrow(violation('reason_required', 'reason'));
    });

    it('rejects every new fact, whatever happened before it closed', () => {
      const findingIds = fc.uniqueArray(fc.constantFrom('f-1', 'f-2', 'f-3', 'f-4'));
      fc.assert(
        fc.property(
          findingIds,
          fc.boolean(),
          fc.integer({ min: 0, max: 9 }),
          (ids, reopenedOnce, pick) => {
            const history: InvestigationEvent[] = [
              ...opening(),
              an.evidenceLogged('evidence-1'),
              an.findingRecorded('finding-1'),
              ...ids.map((id) => an.findingRecorded(id)),
              ...(reopenedOnce ? [an.closed(), an.reopened()] : []),
              an.closed(),
            ];
            const [, next] = factCommands()[pick];
            expect(() => given(...history).when(next)).toThrow(violation('investigation_closed'));
          },
        ),
      );
    });
  });

  describe('when reopened', () => {
    it('accepts new facts again', () => {
      const history = [...opening(), an.findingRecorded('finding-1'), an.closed(), an.reopened()];
      expect(given(...history).when(a.finding('finding-2'))).toEqual([
        expect.objectContaining({ type: 'FindingRecorded' }),
      ]);
    });

    it('keeps everything it knew before it closed', () => {
      const before = stateAfter([...opening(), an.findingRecorded('finding-1')]);
      const after = stateAfter([
        ...opening(),
        an.findingRecorded('finding-1'),
        an.closed(),
        an.reopened(),
      ]);
      expect(after).toEqual(before);
    });
  });

  describe('state', () => {
    it('keeps the incidents, the kind and the assigned investigators', () => {
      expect(stateAfter([...opening(), an.investigatorAssigned('principal-2')])).toMatchObject({
        status: 'open',
        incidentIds: ['incident-terrain-2016-07-11'],
        kind: 'special_investigation',
        investigators: [LEAD_INVESTIGATOR, 'principal-2'],
      });
    });

    it('keeps the fingerprint and the current custodian of each piece of evidence', () => {
      const state = stateAfter([
        ...opening(),
        an.evidenceLogged('evidence-1'),
        {
          type: 'EvidenceCustodyTransferred',
          data: {
            investigationId: INVESTIGATION_ID,
            evidenceId: 'evidence-1',
            fromCustodian: 'Special Investigations Unit',
            toCustodian: 'OIOS',
            transferredAt: '2016-11-02T10:00:00Z',
            reason: 'handed to oversight',
          },
        },
      ]);
      expect(state.status === 'open' && state.evidence.get('evidence-1')).toEqual({
        evidenceId: 'evidence-1',
        kind: 'testimony',
        sha256: FINGERPRINT,
        custodian: 'OIOS',
      });
    });

    it('is never changed by folding an event onto it', () => {
      const serialise = (value: unknown) =>
        JSON.stringify(value, (_key, nested) => (nested instanceof Map ? [...nested] : nested));
      const state = stateAfter([...opening(), an.findingRecorded('finding-1')]);
      const before = serialise(state);
      [an.findingWithdrawn('finding-1'), an.closed()].reduce(investigationDecider.evolve, state);
      expect(serialise(state)).toBe(before);
    });
  });
});
