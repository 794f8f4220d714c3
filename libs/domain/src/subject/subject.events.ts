import type { DomainEvent } from '../shared';

/**
 * A data subject was erased: its key destroyed, so that the details sealed for it in every
 * event can no longer be read. Who erased it and when are the event's actor and `recordedAt`.
 * It holds no personal detail: the subject id is an opaque case reference, and the reason
 * says why the subject was erased, not who the subject is.
 */
export type SubjectErased = DomainEvent<
  'SubjectErased',
  {
    subjectId: string;
    reason: string;
  }
>;

export type SubjectEvent = SubjectErased;
export type SubjectEventType = SubjectEvent['type'];
