import fc from 'fast-check';
import { CommandMeta, DECISION_OUTCOMES, DECISION_SCOPES, foldEvents } from '../shared';
import {
  DecideRepatriation,
  DecisionCommand,
  decisionDecider,
  RecommendationToAnswer,
} from './decision.decider';
import type { DecisionEvent } from './decision.events';

// UNMISS, November 2016: the Secretary-General relieves the force commander after Juba.
const DECISION_ID = 'decision-fc';
const FORCE_COMMANDER = 'appointment-fc-ken';
const meta: CommandMeta = {
  now: '2016-11-01T12:00:00Z',
  actor: { id: 'usg-dpo', role: 'decision_authority' },
};

const toRelieve: RecommendationToAnswer = {
  recommendationId: 'recommendation-relieve-fc',
  investigationId: 'investigation-juba',
  action: 'relieve_leader',
  appointmentId: FORCE_COMMANDER,
};

const decide = (data: Partial<DecideRepatriation['data']> = {}): DecisionCommand => ({
  type: 'DecideRepatriation',
  data: {
    decisionId: DECISION_ID,
    recommendation: toRelieve,
    appointmentId: FORCE_COMMANDER,
    missionCode: 'UNMISS',
    scope: 'leader',
    outcome: 'relieve',
    authority: 'Secretary-General',
    rationale: 'A lack of leadership made the response chaotic and ineffective',
    decidedAt: '2016-11-01T10:00:00-04:00',
    ...data,
  },
  meta,
});

const given = (...history: DecisionEvent[]) => {
  const state = foldEvents(decisionDecider, history);
  return { when: (command: DecisionCommand) => decisionDecider.decide(command, state) };
};
const violation = (code: string, field?: string) =>
  expect.objectContaining({ kind: 'rule_violation', code, ...(field ? { field } : {}) });

describe('A decision about a mission leader', () => {
  it('relieves the leader of the appointment it names, in its mission, answering the recommendation', () => {
    expect(given().when(decide())).toEqual([
      {
        type: 'RepatriationDecided',
        occurredAt: '2016-11-01T10:00:00-04:00',
        data: {
          decisionId: DECISION_ID,
          recommendation: {
            recommendationId: 'recommendation-relieve-fc',
            investigationId: 'investigation-juba',
            action: 'relieve_leader',
          },
          appointmentId: FORCE_COMMANDER,
          missionCode: 'UNMISS',
          scope: 'leader',
          outcome: 'relieve',
          authority: 'Secretary-General',
          rationale: 'A lack of leadership made the response chaotic and ineffective',
          subjectIds: [],
          decidedAt: '2016-11-01T10:00:00-04:00',
        },
      },
    ]);
  });

  it('answers a recommendation to repatriate the force commander that names the appointment', () => {
    const recommendation = { ...toRelieve, action: 'repatriate_commander' as const };
    expect(given().when(decide({ recommendation }))).toHaveLength(1);
  });

  it('rejects a decision about a leader without the appointment', () => {
    expect(() => given().when(decide({ appointmentId: undefined }))).toThrow(
      violation('appointment_required', 'appointmentId'),
    );
  });

  it('rejects a decision about a leader that also names a unit', () => {
    expect(() => given().when(decide({ contingentId: 'contingent-ken-batt' }))).toThrow(
      violation('contingent_not_for_leader', 'contingentId'),
    );
  });

  it('rejects repatriating a leader: a leader is relieved', () => {
    expect(() => given().when(decide({ outcome: 'repatriate' }))).toThrow(
      violation('outcome_not_for_scope', 'outcome'),
    );
  });

  it('rejects relieving a unit: a unit is repatriated', () => {
    expect(() =>
      given().when(
        decide({
          scope: 'unit',
          outcome: 'relieve',
          appointmentId: undefined,
          missionCode: undefined,
          contingentId: 'contingent-1',
          recommendation: undefined,
        }),
      ),
    ).toThrow(violation('outcome_not_for_scope', 'outcome'));
  });

  it('rejects an appointment on a decision about a unit', () => {
    expect(() =>
      given().when(decide({ scope: 'unit', outcome: 'repatriate', contingentId: 'c-1' })),
    ).toThrow(violation('appointment_not_for_scope', 'appointmentId'));
  });

  it.each(['retain', 'defer'] as const)(
    'rejects a decision to %s against a recommendation to relieve that does not say why',
    (outcome) => {
      expect(() => given().when(decide({ outcome }))).toThrow(
        violation('deviation_reason_required', 'reasonForDeviation'),
      );
      expect(
        given().when(decide({ outcome, reasonForDeviation: 'Kenya threatened to withdraw' })),
      ).toHaveLength(1);
    },
  );

  it('rejects answering a recommendation about another leader', () => {
    expect(() =>
      given().when(decide({ recommendation: { ...toRelieve, appointmentId: 'appointment-srsg' } })),
    ).toThrow(violation('recommendation_about_other_leader', 'appointmentId'));
  });

  it('rejects answering a recommendation about a unit', () => {
    const aboutUnit: RecommendationToAnswer = {
      recommendationId: 'recommendation-2',
      investigationId: 'investigation-juba',
      action: 'repatriate_unit',
      contingentId: 'contingent-chn-batt',
    };
    expect(() => given().when(decide({ recommendation: aboutUnit }))).toThrow(
      violation('recommendation_not_about_leader', 'recommendation'),
    );
  });

  it('rejects a decision about a unit answering a recommendation about a leader', () => {
    expect(() =>
      given().when(
        decide({
          scope: 'commander',
          outcome: 'repatriate',
          appointmentId: undefined,
          missionCode: undefined,
          contingentId: 'contingent-ken-batt',
        }),
      ),
    ).toThrow(violation('recommendation_about_leader', 'scope'));
  });

  it('is implemented like any decision, and a retention has nothing to implement', () => {
    const [relieved] = given().when(decide());
    expect(
      given(relieved).when({
        type: 'ImplementRepatriation',
        data: { implementedAt: '2016-11-02T00:00:00+03:00' },
        meta,
      }),
    ).toHaveLength(1);
    const [retained] = given().when(decide({ outcome: 'retain', reasonForDeviation: 'x' }));
    expect(() =>
      given(retained).when({
        type: 'ImplementRepatriation',
        data: { implementedAt: '2016-11-02T00:00:00+03:00' },
        meta,
      }),
    ).toThrow(violation('only_repatriation_is_implemented'));
  });

  it('pairs every scope with its own outcomes: a leader relieved, anyone else repatriated', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DECISION_SCOPES),
        fc.constantFrom(...DECISION_OUTCOMES),
        (scope, outcome) => {
          const target =
            scope === 'leader'
              ? { appointmentId: FORCE_COMMANDER, missionCode: 'UNMISS' }
              : { appointmentId: undefined, missionCode: undefined, contingentId: 'c-1' };
          const command = decide({
            scope,
            outcome,
            recommendation: undefined,
            subjectIds: ['subject-1'],
            ...target,
          });
          const allowed =
            outcome === 'retain' ||
            outcome === 'defer' ||
            (scope === 'leader' ? outcome === 'relieve' : outcome === 'repatriate');
          if (allowed) expect(given().when(command)).toHaveLength(1);
          else expect(() => given().when(command)).toThrow(violation('outcome_not_for_scope'));
        },
      ),
    );
  });
});
