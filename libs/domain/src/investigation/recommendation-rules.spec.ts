import { RecommendationAction } from '../shared';
import {
  a,
  an,
  CHINESE_BATTALION,
  given,
  INVESTIGATION_ID,
  opening,
  stateAfter,
  violation,
} from './testing/investigation.fixtures';

describe('Investigation', () => {
  describe('issuing a recommendation', () => {
    const recorded = [
      ...opening(),
      an.findingRecorded('finding-1'),
      an.findingRecorded('finding-2'),
    ];

    it('names the findings it rests on and why', () => {
      expect(
        given(...recorded).when(
          a.recommendation('recommendation-1', { findingIds: ['finding-1', 'finding-2'] }),
        ),
      ).toEqual([
        {
          type: 'RecommendationIssued',
          data: {
            investigationId: INVESTIGATION_ID,
            recommendationId: 'recommendation-1',
            action: 'repatriate_commander',
            contingentId: CHINESE_BATTALION,
            subjectIds: [],
            findingIds: ['finding-1', 'finding-2'],
            rationale: 'The commander did not act on repeated calls for help',
          },
        },
      ]);
    });

    it('rejects a recommendation that rests on no finding', () => {
      expect(() =>
        given(...recorded).when(a.recommendation('recommendation-1', { findingIds: [] })),
      ).toThrow(violation('findings_required', 'findingIds'));
    });

    it('rejects a recommendation resting on a withdrawn finding', () => {
      expect(() =>
        given(...recorded, an.findingWithdrawn('finding-1')).when(
          a.recommendation('recommendation-1'),
        ),
      ).toThrow(violation('finding_withdrawn', 'findingIds'));
    });

    it('rejects a recommendation resting on a finding not recorded in this investigation', () => {
      expect(() =>
        given(...recorded).when(
          a.recommendation('recommendation-1', { findingIds: ['finding-9'] }),
        ),
      ).toThrow(violation('unknown_finding', 'findingIds'));
    });

    it('rejects a recommendation without a rationale', () => {
      expect(() =>
        given(...recorded).when(a.recommendation('recommendation-1', { rationale: '' })),
      ).toThrow(violation('text_required', 'rationale'));
    });

    it('rejects repatriate_unit without the contingent it concerns', () => {
      expect(() =>
        given(...recorded).when(
          a.recommendation('recommendation-1', {
            action: 'repatriate_unit',
            contingentId: undefined,
          }),
        ),
      ).toThrow(violation('contingent_required', 'contingentId'));
    });

    it("rejects repatriate_commander that names neither the unit nor the leader's appointment", () => {
      expect(() =>
        given(...recorded).when(
          a.recommendation('recommendation-1', {
            contingentId: undefined,
            role: 'force_commander',
          }),
        ),
      ).toThrow(violation('commander_required', 'contingentId'));
    });

    describe('about a mission leader', () => {
      const FORCE_COMMANDER = 'appointment-fc';

      it('relieves the leader named by the appointment, without a unit', () => {
        const [issued] = given(...recorded).when(
          a.recommendation('recommendation-1', {
            action: 'relieve_leader',
            contingentId: undefined,
            appointmentId: FORCE_COMMANDER,
          }),
        );
        expect(issued.data).toEqual({
          investigationId: INVESTIGATION_ID,
          recommendationId: 'recommendation-1',
          action: 'relieve_leader',
          appointmentId: FORCE_COMMANDER,
          subjectIds: [],
          findingIds: ['finding-1'],
          rationale: 'The commander did not act on repeated calls for help',
        });
      });

      it('rejects relieving a leader without the appointment', () => {
        expect(() =>
          given(...recorded).when(
            a.recommendation('recommendation-1', {
              action: 'relieve_leader',
              contingentId: undefined,
            }),
          ),
        ).toThrow(violation('appointment_required', 'appointmentId'));
      });

      it('rejects relieving a leader from a unit', () => {
        expect(() =>
          given(...recorded).when(
            a.recommendation('recommendation-1', {
              action: 'relieve_leader',
              appointmentId: FORCE_COMMANDER,
            }),
          ),
        ).toThrow(violation('contingent_not_for_leader', 'contingentId'));
      });

      it('repatriates the force commander, a commander of the mission, by the appointment', () => {
        const [issued] = given(...recorded).when(
          a.recommendation('recommendation-1', {
            contingentId: undefined,
            appointmentId: FORCE_COMMANDER,
            role: 'force_commander',
          }),
        );
        expect(issued.data).toMatchObject({
          action: 'repatriate_commander',
          appointmentId: FORCE_COMMANDER,
          role: 'force_commander',
        });
        expect(issued.data).not.toHaveProperty('contingentId');
      });

      it("rejects a commander who would be both a unit's and the mission's", () => {
        expect(() =>
          given(...recorded).when(
            a.recommendation('recommendation-1', { appointmentId: FORCE_COMMANDER }),
          ),
        ).toThrow(violation('unit_or_leader', 'appointmentId'));
      });

      it.each<RecommendationAction>(['repatriate_unit', 'repatriate_individuals'])(
        'rejects an appointment on %s',
        (action) => {
          expect(() =>
            given(...recorded).when(
              a.recommendation('recommendation-1', {
                action,
                subjectIds: ['subject-1'],
                appointmentId: FORCE_COMMANDER,
              }),
            ),
          ).toThrow(violation('appointment_not_for_action', 'appointmentId'));
        },
      );

      it('may ask for something else of a leader, e.g. a disciplinary referral', () => {
        const [issued] = given(...recorded).when(
          a.recommendation('recommendation-1', {
            action: 'disciplinary_referral',
            contingentId: undefined,
            appointmentId: FORCE_COMMANDER,
          }),
        );
        expect(issued.data).toMatchObject({ appointmentId: FORCE_COMMANDER });
      });
    });

    it('rejects repatriating individuals without naming them', () => {
      expect(() =>
        given(...recorded).when(
          a.recommendation('recommendation-1', { action: 'repatriate_individuals' }),
        ),
      ).toThrow(violation('subjects_required', 'subjectIds'));
    });

    it('repatriates individuals named by subject id', () => {
      const [issued] = given(...recorded).when(
        a.recommendation('recommendation-1', {
          action: 'repatriate_individuals',
          subjectIds: ['subject-3', 'subject-4'],
        }),
      );
      expect(issued.data).toMatchObject({ subjectIds: ['subject-3', 'subject-4'] });
    });

    it('needs no target for an action other than repatriation', () => {
      const [issued] = given(...recorded).when(
        a.recommendation('recommendation-1', { action: 'retrain', contingentId: undefined }),
      );
      expect(issued.data).not.toHaveProperty('contingentId');
    });

    it('rejects a second recommendation under the same id', () => {
      const history = [
        ...recorded,
        ...given(...recorded).when(a.recommendation('recommendation-1')),
      ];
      expect(() => given(...history).when(a.recommendation('recommendation-1'))).toThrow(
        violation('recommendation_already_issued', 'recommendationId'),
      );
    });

    it('is kept in the state with its action, contingent and findings', () => {
      const history = [
        ...recorded,
        ...given(...recorded).when(
          a.recommendation('recommendation-1', { role: 'battalion_commander' }),
        ),
      ];
      const state = stateAfter(history);
      expect(state.status === 'open' && state.recommendations.get('recommendation-1')).toEqual({
        recommendationId: 'recommendation-1',
        action: 'repatriate_commander',
        contingentId: CHINESE_BATTALION,
        role: 'battalion_commander',
        subjectIds: [],
        findingIds: ['finding-1'],
      });
    });
  });
});
