import { createPublicKey, type KeyObject } from 'node:crypto';
import { decode32Bytes } from '../hash-encoding';

/** SubjectPublicKeyInfo PEM, what `openssl pkey -pubin` reads. */
export function exportPublicKeyPem(publicKey: KeyObject): string {
  return requireEd25519(publicKey).export({ type: 'spki', format: 'pem' }).toString();
}

/** The 32 raw bytes of the key (RFC 8032), standard base64. */
export function exportPublicKeyRaw(publicKey: KeyObject): string {
  const { x } = requireEd25519(publicKey).export({ format: 'jwk' });
  if (typeof x !== 'string') throw new TypeError('the key has no public part');
  return Buffer.from(x, 'base64url').toString('base64');
}

/** An Ed25519 public key from PEM, or from its 32 raw bytes in base64 or hex. */
export function importPublicKey(key: string | KeyObject): KeyObject {
  if (typeof key !== 'string') {
    return requireEd25519(key.type === 'private' ? createPublicKey(key) : key);
  }
  if (key.includes('-----BEGIN')) return requireEd25519(createPublicKey(key));
  const raw = decode32Bytes(key);
  const jwk = { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') };
  return createPublicKey({ key: jwk, format: 'jwk' });
}

export function requireEd25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(`an Ed25519 key is needed, got ${key.asymmetricKeyType ?? key.type}`);
  }
  return key;
}
