import type { PersonalData } from '@blue-ledger/domain';
import { isSealed, sealDetails } from './personal-data-cipher';
import type { SubjectKeyStore } from './subject-key-store';

/**
 * The event's data with each subject's details in its `personal` field sealed under that
 * subject's key, bound to the event id. Run before the event is hashed, so the hash covers the
 * ciphertext and destroying a key never breaks a chain. Details already sealed (an import of
 * an export) are kept as they are.
 */
export function sealPersonalData(
  data: Record<string, unknown>,
  eventId: string,
  keys: SubjectKeyStore,
): Record<string, unknown> {
  const personal = data.personal as PersonalData | undefined;
  if (personal === undefined || personal === null || typeof personal !== 'object') return data;
  const sealed: Record<string, unknown> = {};
  for (const [subjectId, details] of Object.entries(personal)) {
    sealed[subjectId] = isSealed(details)
      ? details
      : sealDetails(details, keys.keyFor(subjectId), eventId, subjectId);
  }
  return { ...data, personal: sealed };
}
