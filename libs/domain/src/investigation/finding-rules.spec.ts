import fc from 'fast-check';
import { SEVERITIES } from '../shared';
import type { Attribution, FindingFacts } from './investigation.events';
import {
  a,
  an,
  CHINESE_BATTALION,
  command,
  factsOf,
  given,
  INVESTIGATION_ID,
  NEPALESE_FPU,
  notFound,
  opening,
  stateAfter,
  toUnit,
  violation,
} from './testing/investigation.fixtures';

const revise = (changes: Partial<FindingFacts>, reason = 'the Nepalese unit gave its account') =>
  command('ReviseFinding', { findingId: 'finding-1', changes, reason });
const withdraw = (reason = 'the only witness retracted') =>
  command('WithdrawFinding', { findingId: 'finding-1', reason });

describe('Investigation', () => {
  describe('recording a finding', () => {
    it('records its attributions, evidence and context factors', () => {
      const history = [...opening(), an.evidenceLogged('evidence-1')];
      const finding = a.finding('finding-1', {
        attributions: [toUnit(CHINESE_BATTALION), { level: 'mission_leadership' }],
        evidenceIds: ['evidence-1'],
        contextFactors: ['no joint operations centre order to respond'],
      });
      expect(given(...history).when(finding)).toEqual([
        {
          type: 'FindingRecorded',
          data: {
            investigationId: INVESTIGATION_ID,
            findingId: 'finding-1',
            ...factsOf({
              attributions: [toUnit(CHINESE_BATTALION), { level: 'mission_leadership' }],
              evidenceIds: ['evidence-1'],
              contextFactors: ['no joint operations centre order to respond'],
            }),
          },
        },
      ]);
    });

    it('records no evidence and no context factors when none are given', () => {
      const { evidenceIds: _e, contextFactors: _c, ...bare } = a.finding('finding-1').data;
      const [recorded] = given(...opening()).when(command('RecordFinding', bare));
      expect(recorded.data).toMatchObject({ evidenceIds: [], contextFactors: [] });
    });

    it('rejects evidence that was not logged in this investigation', () => {
      expect(() =>
        given(...opening(), an.evidenceLogged('evidence-1')).when(
          a.finding('finding-1', { evidenceIds: ['evidence-1', 'evidence-elsewhere'] }),
        ),
      ).toThrow(violation('unknown_evidence', 'evidenceIds'));
    });

    it('rejects a finding attributed to no one', () => {
      expect(() => given(...opening()).when(a.finding('finding-1', { attributions: [] }))).toThrow(
        violation('attribution_required', 'attributions'),
      );
    });

    it.each<[string, Attribution, string]>([
      ['a unit without its contingent', { level: 'unit' }, 'contingentId'],
      ['a role without the role', { level: 'role', contingentId: NEPALESE_FPU }, 'role'],
      ['a member state without its country', { level: 'member_state' }, 'country'],
      ['a mission component without the component', { level: 'mission_component' }, 'component'],
    ])('rejects an attribution to %s, naming the field', (_label, attribution, field) => {
      const attributions = [{ level: 'headquarters' } as Attribution, attribution];
      expect(() => given(...opening()).when(a.finding('finding-1', { attributions }))).toThrow(
        violation('attribution_incomplete', `attributions[1].${field}`),
      );
    });

    it('rejects a country that is not an ISO 3166-1 alpha-3 code', () => {
      const attributions: Attribution[] = [{ level: 'member_state', country: 'China' }];
      expect(() => given(...opening()).when(a.finding('finding-1', { attributions }))).toThrow(
        violation('invalid_country', 'attributions[0].country'),
      );
    });

    it('accepts attributions to mission leadership, headquarters and the mandate without a target', () => {
      const attributions: Attribution[] = [
        { level: 'mission_leadership' },
        { level: 'headquarters' },
        { level: 'security_council' },
        { level: 'member_state', country: 'CHN' },
      ];
      expect(given(...opening()).when(a.finding('finding-1', { attributions }))).toHaveLength(1);
    });

    it('names the appointment of the mission leader who held the role it is attributed to', () => {
      const attributions: Attribution[] = [
        { level: 'role', role: 'force_commander', appointmentId: 'appointment-fc' },
      ];
      const [recorded] = given(...opening()).when(a.finding('finding-1', { attributions }));
      expect(recorded.data).toMatchObject({ attributions });
    });

    it('rejects an appointment named by an attribution to another level than a role', () => {
      const attributions: Attribution[] = [
        { level: 'mission_leadership', appointmentId: 'appointment-fc' },
      ];
      expect(() => given(...opening()).when(a.finding('finding-1', { attributions }))).toThrow(
        violation('appointment_only_for_role', 'attributions[0].appointmentId'),
      );
    });

    it('rejects a blank appointment', () => {
      const attributions: Attribution[] = [{ level: 'role', role: 'srsg', appointmentId: ' ' }];
      expect(() => given(...opening()).when(a.finding('finding-1', { attributions }))).toThrow(
        violation('text_required', 'attributions[0].appointmentId'),
      );
    });

    it('rejects a blank statement', () => {
      expect(() => given(...opening()).when(a.finding('finding-1', { statement: ' ' }))).toThrow(
        violation('text_required', 'statement'),
      );
    });

    it('rejects a severity outside the vocabulary', () => {
      expect(() =>
        given(...opening()).when(a.finding('finding-1', { severity: 'grave' as 'high' })),
      ).toThrow(violation('not_in_vocabulary', 'severity'));
    });

    it('rejects a second finding under the same id', () => {
      expect(() =>
        given(...opening(), an.findingRecorded('finding-1')).when(a.finding('finding-1')),
      ).toThrow(violation('finding_already_recorded', 'findingId'));
    });
  });

  describe('revising a finding', () => {
    const recorded = [...opening(), an.findingRecorded('finding-1')];

    it('records only the facts that change, and why', () => {
      expect(
        given(...recorded).when(
          revise({ severity: 'high', statement: factsOf().statement, contextFactors: ['night'] }),
        ),
      ).toEqual([
        {
          type: 'FindingRevised',
          data: {
            investigationId: INVESTIGATION_ID,
            findingId: 'finding-1',
            changes: { severity: 'high', contextFactors: ['night'] },
            reason: 'the Nepalese unit gave its account',
          },
        },
      ]);
    });

    it('rejects a revision without a reason', () => {
      expect(() => given(...recorded).when(revise({ severity: 'high' }, ''))).toThrow(
        violation('reason_required', 'reason'),
      );
    });

    it('rejects a revision that changes nothing', () => {
      const sameAttributionsReordered = [
        { contingentId: CHINESE_BATTALION, level: 'unit' } as const,
      ];
      expect(() =>
        given(...recorded).when(
          revise({ attributions: sameAttributionsReordered, severity: 'critical' }),
        ),
      ).toThrow(violation('finding_unchanged', 'changes'));
    });

    it('validates revised attributions as a new finding would', () => {
      expect(() =>
        given(...recorded).when(
          revise({ attributions: [toUnit(NEPALESE_FPU), { level: 'role' }] }),
        ),
      ).toThrow(violation('attribution_incomplete', 'attributions[1].role'));
    });

    it('rejects revised evidence that was not logged in this investigation', () => {
      expect(() => given(...recorded).when(revise({ evidenceIds: ['evidence-9'] }))).toThrow(
        violation('unknown_evidence', 'evidenceIds'),
      );
    });

    it('rejects a revision of a withdrawn finding', () => {
      expect(() =>
        given(...recorded, an.findingWithdrawn('finding-1')).when(revise({ severity: 'low' })),
      ).toThrow(violation('finding_withdrawn', 'findingId'));
    });

    it('answers a revision of a finding never recorded with finding_not_found', () => {
      expect(() => given(...opening()).when(revise({ severity: 'low' }))).toThrow(
        notFound('finding_not_found'),
      );
    });

    it('leaves the finding as the last revision of each fact says, whatever the revisions', () => {
      const change = fc.record(
        {
          statement: fc.string({ minLength: 1 }).filter((s) => s.trim().length > 0),
          severity: fc.constantFrom(...SEVERITIES),
          contextFactors: fc.array(fc.constantFrom('night', 'no armoured vehicles', '54 guards')),
        },
        { requiredKeys: [] },
      );
      fc.assert(
        fc.property(fc.array(change, { maxLength: 8 }), (changes) => {
          let history = recorded;
          let expected: FindingFacts = factsOf();
          for (const next of changes) {
            try {
              history = [...history, ...given(...history).when(revise(next))];
              expected = { ...expected, ...next };
            } catch (error) {
              expect(error).toEqual(violation('finding_unchanged'));
            }
          }
          const state = stateAfter(history);
          expect(state.status === 'open' && state.findings.get('finding-1')).toEqual({
            findingId: 'finding-1',
            withdrawn: false,
            ...expected,
          });
        }),
      );
    });
  });

  describe('withdrawing a finding', () => {
    const recorded = [...opening(), an.findingRecorded('finding-1')];

    it('withdraws it with a reason, and keeps it, marked withdrawn', () => {
      const events = given(...recorded).when(withdraw());
      expect(events).toEqual([
        {
          type: 'FindingWithdrawn',
          data: {
            investigationId: INVESTIGATION_ID,
            findingId: 'finding-1',
            reason: 'the only witness retracted',
          },
        },
      ]);
      const state = stateAfter([...recorded, ...events]);
      expect(state.status === 'open' && state.findings.get('finding-1')).toMatchObject({
        withdrawn: true,
        statement: factsOf().statement,
      });
    });

    it('rejects a withdrawal without a reason', () => {
      expect(() => given(...recorded).when(withdraw('   '))).toThrow(
        violation('reason_required', 'reason'),
      );
    });

    it('rejects withdrawing a finding twice', () => {
      expect(() => given(...recorded, an.findingWithdrawn('finding-1')).when(withdraw())).toThrow(
        violation('finding_withdrawn'),
      );
    });

    it('answers a withdrawal of a finding never recorded with finding_not_found', () => {
      expect(() => given(...opening()).when(withdraw())).toThrow(notFound('finding_not_found'));
    });
  });
});
