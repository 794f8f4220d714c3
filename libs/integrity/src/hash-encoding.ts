import { createHash, hash } from 'node:crypto';

/** Every hash in the ledger is a SHA-256 digest: 32 bytes. */
export const HASH_BYTES = 32;

const HEX_32 = /^[0-9a-fA-F]{64}$/;
const BASE64_32 = /^[A-Za-z0-9+/]{43}=?$/;
const BASE64URL_32 = /^[A-Za-z0-9_-]{43}=?$/;

/**
 * Decodes 32 bytes written as hex (either case) or as base64 / base64url (padding optional).
 * The two cannot be confused: hex is 64 characters, base64 43 or 44.
 */
export function decode32Bytes(text: string): Buffer {
  const trimmed = text.trim();
  if (HEX_32.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (BASE64_32.test(trimmed)) return Buffer.from(trimmed, 'base64');
  if (BASE64URL_32.test(trimmed)) return Buffer.from(trimmed, 'base64url');
  throw new TypeError(`not 32 bytes in hex or base64: ${JSON.stringify(text)}`);
}

/** A SHA-256 hash given as hex or base64 text, or as bytes. */
export function parseHash(value: string | Uint8Array): Buffer {
  if (typeof value === 'string') return decode32Bytes(value);
  if (value.length !== HASH_BYTES) {
    throw new TypeError(`a hash has ${HASH_BYTES} bytes, got ${value.length}`);
  }
  return Buffer.from(value);
}

export function isHash(value: string): boolean {
  const trimmed = value.trim();
  return HEX_32.test(trimmed) || BASE64_32.test(trimmed) || BASE64URL_32.test(trimmed);
}

/** Lower-case hex, the form event hashes and tree heads are written in. */
export function hashToHex(value: string | Uint8Array): string {
  return parseHash(value).toString('hex');
}

/** Standard base64 with padding. */
export function hashToBase64(value: string | Uint8Array): string {
  return parseHash(value).toString('base64');
}

export function sha256(...parts: readonly Uint8Array[]): Buffer {
  if (parts.length === 1) return hash('sha256', parts[0], 'buffer') as unknown as Buffer;
  const hasher = createHash('sha256');
  for (const part of parts) hasher.update(part);
  return hasher.digest();
}
