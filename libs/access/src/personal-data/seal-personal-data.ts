import type { PersonalData } from '@blue-ledger/domain';
import { isSealed, sealDetails } from './personal-data-cipher';
import { InvalidSubjectIdError, isSubjectId } from './subject-id';
import type { SubjectKeyStore } from './subject-key-store';

/**
 * The event's data with each subject's details in its `personal` field sealed under that
 * subject's key, bound to the event id. Run before the event is hashed, so the hash covers the
 * ciphertext and destroying a key never breaks a chain. Details already sealed (an import of
 * an export) are kept as they are. A subject id that breaks the rule (`isSubjectId`) is refused
 * with InvalidSubjectIdError.
 */
export async function sealPersonalData(
  data: Record<string, unknown>,
  eventId: string,
  keys: SubjectKeyStore,
): Promise<Record<string, unknown>> {
  const personal = data.personal as PersonalData | undefined;
  if (personal === undefined || personal === null || typeof personal !== 'object') return data;
  // Without a prototype: a subject id is only ever a key here, never `__proto__`'s setter.
  const sealed: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [subjectId, details] of Object.entries(personal)) {
    if (!isSubjectId(subjectId)) throw new InvalidSubjectIdError(subjectId);
    sealed[subjectId] = isSealed(details)
      ? details
      : sealDetails(details, await keys.keyFor(subjectId), eventId, subjectId);
  }
  return { ...data, personal: sealed };
}
