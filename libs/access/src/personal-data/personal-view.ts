import type { SubjectDetails } from '@blue-ledger/domain';
import { isSealed, openDetails } from './personal-data-cipher';
import type { SubjectKeyStore } from './subject-key-store';

export const REDACTED = '[redacted]';
export const ERASED = '[erased]';
/** Sealed details that do not open under the subject's key: the record was altered. */
export const UNREADABLE = '[unreadable]';

export type SubjectView = SubjectDetails | typeof REDACTED | typeof ERASED | typeof UNREADABLE;

export interface PersonalView {
  /** What the reader sees of each subject's details, by subject id. */
  view: Record<string, SubjectView>;
  /** The subjects whose details were disclosed in clear: each one a read to log. */
  disclosed: string[];
}

/**
 * What a reader sees of the personal field of one event: an erased subject is erased for
 * everyone; the others are opened only for a reader with need-to-know, redacted otherwise.
 */
export async function personalViewOf(
  event: { eventId: string; data: Record<string, unknown> },
  keys: Pick<SubjectKeyStore, 'find'>,
  needToKnow: boolean,
): Promise<PersonalView | undefined> {
  const personal = event.data.personal;
  if (typeof personal !== 'object' || personal === null) return undefined;
  const view = Object.create(null) as Record<string, SubjectView>;
  const disclosed: string[] = [];
  for (const [subjectId, stored] of Object.entries(personal as Record<string, unknown>)) {
    const key = await keys.find(subjectId);
    if (key === 'erased') view[subjectId] = ERASED;
    else if (!needToKnow) view[subjectId] = REDACTED;
    else if (!isSealed(stored) || key === undefined) view[subjectId] = UNREADABLE;
    else {
      const details = openDetails(stored, key, event.eventId, subjectId);
      view[subjectId] = details ?? UNREADABLE;
      if (details) disclosed.push(subjectId);
    }
  }
  return { view, disclosed };
}
