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

    it.each<RecommendationAction>(['repatriate_unit', 'repatriate_commander'])(
      'rejects %s without the contingent it concerns',
      (action) => {
        expect(() =>
          given(...recorded).when(
            a.recommendation('recommendation-1', { action, contingentId: undefined }),
          ),
        ).toThrow(violation('contingent_required', 'contingentId'));
      },
    );

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
