import { CommandMeta, foldEvents } from '../shared';
import { subjectDecider, subjectStreamId, type SubjectCommand } from './subject.decider';
import type { SubjectEvent } from './subject.events';

const meta: CommandMeta = { now: '2024-05-01T09:00:00Z', actor: { id: 'admin-1', role: 'admin' } };

const erase = (reason = 'The subject asked to be forgotten'): SubjectCommand => ({
  type: 'EraseSubject',
  data: { subjectId: 'victim-7', reason },
  meta,
});

const given = (...events: SubjectEvent[]) => ({
  when: (command: SubjectCommand) => () =>
    subjectDecider.decide(command, foldEvents(subjectDecider, events)),
});

const erased: SubjectEvent = {
  type: 'SubjectErased',
  data: { subjectId: 'victim-7', reason: 'The subject asked to be forgotten' },
};

describe('Subject', () => {
  it('lives in a stream named after its subject id', () => {
    expect(subjectStreamId('victim-7')).toBe('subject-victim-7');
  });

  describe('when not erased', () => {
    it('records the erasure with its reason, and nothing personal', () => {
      expect(given().when(erase())()).toEqual([erased]);
    });

    it('refuses an erasure without a reason', () => {
      expect(given().when(erase('  '))).toThrow(expect.objectContaining({ field: 'reason' }));
    });
  });

  describe('when erased', () => {
    it('refuses a second erasure', () => {
      expect(given(erased).when(erase())).toThrow(
        expect.objectContaining({ code: 'subject_already_erased' }),
      );
    });

    it('folds to the erased state', () => {
      expect(foldEvents(subjectDecider, [erased])).toEqual({ status: 'erased', ...erased.data });
    });
  });
});
