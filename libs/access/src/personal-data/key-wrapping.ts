import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Subject keys as they are stored: AES-256-GCM under the ledger's key-encryption key (KEK),
 * which is never in the database (an environment variable or a file of its own), with the
 * subject id bound as associated data so that a wrapped key moved to another subject's row no
 * longer opens. A copy of the database alone then holds only wrapped keys: no personal detail
 * can be read from it. Layout: version (1 byte) ‖ IV (12) ‖ wrapped key (32) ‖ tag (16).
 */
export const KEK_BYTES = 32;
const VERSION = 1;
const IV_BYTES = 12;
const KEY_BYTES = 32;
const TAG_BYTES = 16;
export const WRAPPED_KEY_BYTES = 1 + IV_BYTES + KEY_BYTES + TAG_BYTES;

const associatedData = (subjectId: string): Buffer =>
  Buffer.from(`blue-ledger/subject-key/v1\u0000${subjectId}`, 'utf8');

function requireKek(kek: Buffer): void {
  if (kek.length !== KEK_BYTES) throw new Error(`a key-encryption key is ${KEK_BYTES} bytes`);
}

export function wrapSubjectKey(kek: Buffer, subjectId: string, key: Buffer): Buffer {
  requireKek(kek);
  if (key.length !== KEY_BYTES) throw new Error(`a subject key is ${KEY_BYTES} bytes`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(associatedData(subjectId));
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), iv, wrapped, cipher.getAuthTag()]);
}

/** The subject's key, or undefined when the blob was not wrapped under this KEK for this subject. */
export function unwrapSubjectKey(
  kek: Buffer,
  subjectId: string,
  stored: Buffer,
): Buffer | undefined {
  requireKek(kek);
  if (!isWrappedSubjectKey(stored)) return undefined;
  try {
    const iv = stored.subarray(1, 1 + IV_BYTES);
    const wrapped = stored.subarray(1 + IV_BYTES, 1 + IV_BYTES + KEY_BYTES);
    const tag = stored.subarray(1 + IV_BYTES + KEY_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', kek, iv);
    decipher.setAAD(associatedData(subjectId));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  } catch {
    return undefined;
  }
}

export const isWrappedSubjectKey = (stored: Buffer): boolean =>
  stored.length === WRAPPED_KEY_BYTES && stored[0] === VERSION;

/** A key stored before keys were wrapped: the 32 raw bytes. */
export const isUnwrappedSubjectKey = (stored: Buffer): boolean => stored.length === KEY_BYTES;

/**
 * A value that tells whether a KEK is the one the stored keys were wrapped under, and nothing
 * about the KEK itself (an HMAC under it of a fixed label).
 */
export const kekCheckValue = (kek: Buffer): string =>
  createHmac('sha256', kek).update('blue-ledger/kek-check/v1').digest('base64url');

/** A secret for another purpose, derived from the KEK (HKDF-SHA-256), so there is one secret to keep. */
export const derivedSecret = (kek: Buffer, purpose: string): Buffer =>
  Buffer.from(hkdfSync('sha256', kek, Buffer.alloc(0), `blue-ledger/${purpose}`, 32));

/** A KEK as LEDGER_KEK and the `kek` file hold it: 32 bytes in base64 (standard or URL-safe). */
export function parseKek(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === KEK_BYTES ? key : undefined;
}
