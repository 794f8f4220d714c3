import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SubjectDetails } from '@blue-ledger/domain';

/**
 * One subject's details as the event stores them: AES-256-GCM under the subject's own key,
 * with the event id and the subject id bound as associated data, so that a ciphertext moved
 * to another event or another subject no longer opens. Every field is a string: the sealed
 * form is still a `SubjectDetails`, and the event's `personal` field keeps its type.
 */
export interface SealedDetails {
  enc: typeof ALGORITHM;
  iv: string;
  ciphertext: string;
  tag: string;
}

const ALGORITHM = 'A256GCM';
const KEY_BYTES = 32;
const IV_BYTES = 12;

export const newSubjectKey = (): Buffer => randomBytes(KEY_BYTES);

const associatedData = (eventId: string, subjectId: string): Buffer =>
  Buffer.from(`blue-ledger/personal/v1\u0000${eventId}\u0000${subjectId}`, 'utf8');

export function sealDetails(
  details: SubjectDetails,
  key: Buffer,
  eventId: string,
  subjectId: string,
): SealedDetails {
  if (key.length !== KEY_BYTES) throw new Error('a subject key is 32 bytes');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(eventId, subjectId));
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify(details), 'utf8'),
    cipher.final(),
  ]);
  return {
    enc: ALGORITHM,
    iv: iv.toString('base64url'),
    ciphertext: ciphertext.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  };
}

/** The details, or undefined when the key, the event or the subject do not match the seal. */
export function openDetails(
  sealed: SealedDetails,
  key: Buffer,
  eventId: string,
  subjectId: string,
): SubjectDetails | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64url'));
    decipher.setAAD(associatedData(eventId, subjectId));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64url')),
      decipher.final(),
    ]);
    return JSON.parse(plain.toString('utf8')) as SubjectDetails;
  } catch {
    return undefined;
  }
}

export function isSealed(value: unknown): value is SealedDetails {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.enc === ALGORITHM &&
    typeof v.iv === 'string' &&
    typeof v.ciphertext === 'string' &&
    typeof v.tag === 'string'
  );
}
