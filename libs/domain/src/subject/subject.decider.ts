import { streamIds } from '../ledger-event';
import { assertNever, CommandMeta, Decider, requireText, RuleViolation } from '../shared';
import type { SubjectEvent } from './subject.events';

/** One stream per data subject whose details the ledger sealed: `subject-<subjectId>`. */
export const subjectStreamId = (subjectId: string): string => streamIds.subject(subjectId);

export type SubjectState =
  { status: 'not_erased' } | { status: 'erased'; subjectId: string; reason: string };

const initialSubjectState: SubjectState = { status: 'not_erased' };

function evolveSubject(_state: SubjectState, event: SubjectEvent): SubjectState {
  switch (event.type) {
    case 'SubjectErased':
      return { status: 'erased', ...event.data };
    default:
      return assertNever(event.type);
  }
}

/**
 * Erase a subject. Whether the ledger ever sealed details for it is the key store's to say (a
 * subject never seen is not found, and nothing is recorded); the decider records the erasure
 * once and refuses it a second time.
 */
export type EraseSubject = {
  type: 'EraseSubject';
  data: { subjectId: string; reason: string };
  meta: CommandMeta;
};

export type SubjectCommand = EraseSubject;

function decideSubject(command: SubjectCommand, state: SubjectState): SubjectEvent[] {
  switch (command.type) {
    case 'EraseSubject':
      return eraseSubject(command, state);
    default:
      return assertNever(command.type);
  }
}

function eraseSubject({ data }: EraseSubject, state: SubjectState): SubjectEvent[] {
  if (state.status === 'erased') {
    throw new RuleViolation(
      'subject_already_erased',
      `subject ${state.subjectId} was erased already`,
    );
  }
  requireText(data.reason, 'reason');
  return [{ type: 'SubjectErased', data: { subjectId: data.subjectId, reason: data.reason } }];
}

export const subjectDecider: Decider<SubjectCommand, SubjectEvent, SubjectState> = {
  schemaVersions: { SubjectErased: 1 },
  initialState: initialSubjectState,
  evolve: evolveSubject,
  decide: decideSubject,
};
