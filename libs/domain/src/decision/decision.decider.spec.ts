import fc from 'fast-check';
import {
  CommandMeta,
  DECISION_OUTCOMES,
  DECISION_SCOPES,
  foldEvents,
  RECOMMENDATION_ACTIONS,
  REPATRIATION_ACTIONS,
} from '../shared';
import {
  DecideRepatriation,
  DecisionCommand,
  decisionDecider,
  decisionStreamId,
  RecommendationToAnswer,
} from './decision.decider';
import type { DecisionEvent, RepatriationDecided } from './decision.events';

// The Ethiopian battalion's commander: recommended for repatriation, decided, then overtaken.
const DECISION_ID = 'decision-eth-commander';
const ETHIOPIAN_BATTALION = 'contingent-eth-batt';
const meta: CommandMeta = {
  now: '2016-11-02T08:00:00Z',
  actor: { id: 'principal-usg-dpo', role: 'decision_authority' },
};

const recommendationToRepatriate: RecommendationToAnswer = {
  recommendationId: 'recommendation-1',
  investigationId: 'inv-juba-2016',
  action: 'repatriate_commander',
  contingentId: ETHIOPIAN_BATTALION,
};

const decideCommand = (overrides: Partial<DecideRepatriation['data']> = {}): DecisionCommand => ({
  type: 'DecideRepatriation',
  data: {
    decisionId: DECISION_ID,
    recommendation: recommendationToRepatriate,
    contingentId: ETHIOPIAN_BATTALION,
    scope: 'commander',
    outcome: 'repatriate',
    authority: 'Under-Secretary-General for Peace Operations',
    rationale: 'The commander did not act on repeated calls for help',
    subjectIds: ['subject-commander-1'],
    decidedAt: '2016-11-01T15:00:00+03:00',
    ...overrides,
  },
  meta,
});

const implement = (implementedAt = '2016-11-20T10:00:00Z', note?: string): DecisionCommand => ({
  type: 'ImplementRepatriation',
  data: { implementedAt, ...(note === undefined ? {} : { note }) },
  meta,
});
const reverse = (reason = 'new evidence cleared the commander'): DecisionCommand => ({
  type: 'ReverseRepatriation',
  data: { reason },
  meta,
});
const lapse = (reason = 'overtaken by geopolitical concerns'): DecisionCommand => ({
  type: 'LapseRepatriation',
  data: { reason },
  meta,
});

const decided = (overrides: Partial<RepatriationDecided['data']> = {}): DecisionEvent => ({
  type: 'RepatriationDecided',
  data: {
    decisionId: DECISION_ID,
    recommendation: {
      recommendationId: 'recommendation-1',
      investigationId: 'inv-juba-2016',
      action: 'repatriate_commander',
    },
    contingentId: ETHIOPIAN_BATTALION,
    scope: 'commander',
    outcome: 'repatriate',
    authority: 'Under-Secretary-General for Peace Operations',
    rationale: 'The commander did not act on repeated calls for help',
    subjectIds: ['subject-commander-1'],
    decidedAt: '2016-11-01T15:00:00+03:00',
    ...overrides,
  },
});
const finishing: Record<'implemented' | 'reversed' | 'lapsed', DecisionEvent> = {
  implemented: {
    type: 'RepatriationImplemented',
    data: { decisionId: DECISION_ID, implementedAt: '2016-11-20T10:00:00Z' },
  },
  reversed: { type: 'RepatriationReversed', data: { decisionId: DECISION_ID, reason: 'cleared' } },
  lapsed: { type: 'RepatriationLapsed', data: { decisionId: DECISION_ID, reason: 'rotated out' } },
};

const given = (...history: DecisionEvent[]) => {
  const state = foldEvents(decisionDecider, history);
  return { when: (command: DecisionCommand) => decisionDecider.decide(command, state) };
};
const violation = (code: string, field?: string) =>
  expect.objectContaining({ kind: 'rule_violation', code, ...(field ? { field } : {}) });

describe('Repatriation decision', () => {
  it('lives in a stream named after its id', () => {
    expect(decisionStreamId(DECISION_ID)).toBe(`decision-${DECISION_ID}`);
  });

  describe('when not yet decided', () => {
    it('records the decision, the authority, the rationale and the recommendation it answers', () => {
      expect(given().when(decideCommand())).toEqual([
        {
          ...decided(),
          occurredAt: '2016-11-01T15:00:00+03:00',
        },
      ]);
    });

    it('occurs when the command arrives if no decision time is given', () => {
      const [event] = given().when(decideCommand({ decidedAt: undefined }));
      expect(event).toMatchObject({ data: { decidedAt: meta.now }, occurredAt: meta.now });
    });

    it('may answer no recommendation', () => {
      const [event] = given().when(decideCommand({ recommendation: undefined }));
      expect(event.data).not.toHaveProperty('recommendation');
    });

    it('rejects a decision that names no authority', () => {
      expect(() => given().when(decideCommand({ authority: ' ' }))).toThrow(
        violation('text_required', 'authority'),
      );
    });

    it('rejects a decision without a rationale', () => {
      expect(() => given().when(decideCommand({ rationale: '' }))).toThrow(
        violation('text_required', 'rationale'),
      );
    });

    it('rejects answering a recommendation that is not about repatriation', () => {
      expect(() =>
        given().when(
          decideCommand({ recommendation: { ...recommendationToRepatriate, action: 'retrain' } }),
        ),
      ).toThrow(violation('recommendation_not_about_repatriation', 'recommendation'));
    });

    it('rejects answering a recommendation about another unit', () => {
      expect(() =>
        given().when(
          decideCommand({
            recommendation: { ...recommendationToRepatriate, contingentId: 'contingent-other' },
          }),
        ),
      ).toThrow(violation('recommendation_about_other_unit', 'contingentId'));
    });

    it.each(['retain', 'defer'] as const)(
      'rejects a decision to %s against a recommendation to repatriate that does not say why',
      (outcome) => {
        expect(() => given().when(decideCommand({ outcome }))).toThrow(
          violation('deviation_reason_required', 'reasonForDeviation'),
        );
      },
    );

    it('keeps the reason for deviating from the recommendation', () => {
      const [event] = given().when(
        decideCommand({
          outcome: 'retain',
          reasonForDeviation: 'the contributing country objected',
        }),
      );
      expect(event.data).toMatchObject({
        outcome: 'retain',
        reasonForDeviation: 'the contributing country objected',
      });
    });

    it('retains or defers without a reason when no recommendation is answered', () => {
      expect(
        given().when(decideCommand({ outcome: 'defer', recommendation: undefined })),
      ).toHaveLength(1);
    });

    it('rejects a decision on individuals that does not name them', () => {
      expect(() => given().when(decideCommand({ scope: 'individuals', subjectIds: [] }))).toThrow(
        violation('subjects_required', 'subjectIds'),
      );
    });

    it('rejects a decision time without a zone', () => {
      expect(() => given().when(decideCommand({ decidedAt: '2016-11-01T15:00:00' }))).toThrow(
        violation('invalid_time', 'decidedAt'),
      );
    });

    it.each([
      ['an implementation', implement()],
      ['a reversal', reverse()],
      ['a lapse', lapse()],
    ])('answers %s with decision_not_found', (_label, command) => {
      expect(() => given().when(command)).toThrow(
        expect.objectContaining({ kind: 'not_found', code: 'decision_not_found' }),
      );
    });

    it('requires a reason for deviating exactly when retaining or deferring against a recommendation', () => {
      const reason = fc.option(fc.constantFrom('', '  ', '\t', 'the country objected'));
      fc.assert(
        fc.property(
          fc.constantFrom(...DECISION_OUTCOMES.filter((outcome) => outcome !== 'relieve')),
          fc.boolean(),
          reason,
          (outcome, answersRecommendation, reasonForDeviation) => {
            const command = decideCommand({
              outcome,
              recommendation: answersRecommendation ? recommendationToRepatriate : undefined,
              reasonForDeviation: reasonForDeviation ?? undefined,
            });
            const explained = (reasonForDeviation ?? '').trim().length > 0;
            if (answersRecommendation && outcome !== 'repatriate' && !explained) {
              expect(() => given().when(command)).toThrow(violation('deviation_reason_required'));
            } else {
              expect(given().when(command)).toHaveLength(1);
            }
          },
        ),
      );
    });

    it('answers exactly the recommendations to repatriate', () => {
      fc.assert(
        fc.property(fc.constantFrom(...RECOMMENDATION_ACTIONS), (action) => {
          const command = decideCommand({
            recommendation: { ...recommendationToRepatriate, action },
          });
          if (REPATRIATION_ACTIONS.includes(action)) {
            expect(given().when(command)).toHaveLength(1);
          } else if (action === 'relieve_leader') {
            expect(() => given().when(command)).toThrow(violation('recommendation_about_leader'));
          } else {
            expect(() => given().when(command)).toThrow(
              violation('recommendation_not_about_repatriation'),
            );
          }
        }),
      );
    });
  });

  describe('when decided', () => {
    it('rejects deciding again', () => {
      expect(() => given(decided()).when(decideCommand())).toThrow(
        violation('decision_already_taken', 'decisionId'),
      );
    });

    it('is implemented, occurring when it was carried out', () => {
      expect(given(decided()).when(implement('2016-11-20T10:00:00Z', 'flown out'))).toEqual([
        {
          type: 'RepatriationImplemented',
          data: {
            decisionId: DECISION_ID,
            implementedAt: '2016-11-20T10:00:00Z',
            note: 'flown out',
          },
          occurredAt: '2016-11-20T10:00:00Z',
        },
      ]);
    });

    it.each(['retain', 'defer'] as const)('rejects implementing a decision to %s', (outcome) => {
      expect(() => given(decided({ outcome })).when(implement())).toThrow(
        violation('only_repatriation_is_implemented'),
      );
    });

    it('rejects an implementation before the decision was taken', () => {
      expect(() => given(decided()).when(implement('2016-11-01T14:30:00+03:00'))).toThrow(
        violation('implemented_before_decided', 'implementedAt'),
      );
    });

    it('rejects an implementation time without a zone', () => {
      expect(() => given(decided()).when(implement('2016-11-20'))).toThrow(
        violation('invalid_time', 'implementedAt'),
      );
    });

    it('is reversed with a reason', () => {
      expect(given(decided()).when(reverse())).toEqual([
        {
          type: 'RepatriationReversed',
          data: { decisionId: DECISION_ID, reason: 'new evidence cleared the commander' },
        },
      ]);
    });

    it('rejects a reversal without a reason', () => {
      expect(() => given(decided()).when(reverse(' '))).toThrow(
        violation('reason_required', 'reason'),
      );
    });

    it('lapses with a reason', () => {
      expect(given(decided()).when(lapse())).toEqual([
        {
          type: 'RepatriationLapsed',
          data: { decisionId: DECISION_ID, reason: 'overtaken by geopolitical concerns' },
        },
      ]);
    });

    it('rejects a lapse without a reason', () => {
      expect(() => given(decided()).when(lapse(''))).toThrow(
        violation('reason_required', 'reason'),
      );
    });
  });

  describe.each(Object.keys(finishing) as (keyof typeof finishing)[])('when %s', (status) => {
    const history = [decided(), finishing[status]];

    it(`is final: the state says ${status}`, () => {
      expect(foldEvents(decisionDecider, history)).toMatchObject({
        status,
        decisionId: DECISION_ID,
        outcome: 'repatriate',
      });
    });

    it.each([
      ['a new decision', decideCommand()],
      ['an implementation', implement()],
      ['a reversal', reverse()],
      ['a lapse', lapse()],
    ])('rejects %s', (_label, command) => {
      expect(() => given(...history).when(command)).toThrow(violation('decision_final'));
    });
  });

  describe('whatever the decision', () => {
    const decidedEvent = fc
      .record({
        scope: fc.constantFrom(...DECISION_SCOPES),
        outcome: fc.constantFrom(...DECISION_OUTCOMES),
        reasonForDeviation: fc.constant('the country objected'),
      })
      .map((overrides) => decided(overrides));
    const anyCommand = fc.oneof(
      fc.constant(decideCommand()),
      fc.string().map((reason) => reverse(reason)),
      fc.string().map((reason) => lapse(reason)),
      fc
        .constantFrom('2016-11-20T10:00:00Z', '2020-01-01T00:00:00+05:30')
        .map((at) => implement(at)),
    );

    it('accepts no command once it is final', () => {
      fc.assert(
        fc.property(
          decidedEvent,
          fc.constantFrom(...Object.values(finishing)),
          fc.array(anyCommand, { minLength: 1, maxLength: 5 }),
          (decision, finish, commands) => {
            for (const command of commands) {
              expect(() => given(decision, finish).when(command)).toThrow(
                violation('decision_final'),
              );
            }
          },
        ),
      );
    });

    it('reaches a final state only from a decided one', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...Object.values(finishing)),
          fc.constantFrom(implement(), reverse(), lapse()),
          (finish, command) => {
            const state = foldEvents(decisionDecider, [finish]);
            expect(state.status).toBe('undecided');
            expect(() => decisionDecider.decide(command, state)).toThrow(
              expect.objectContaining({ code: 'decision_not_found' }),
            );
          },
        ),
      );
    });
  });
});
