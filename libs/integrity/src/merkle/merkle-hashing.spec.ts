import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { eventLeafHash, hashChildren, hashLeaf } from './merkle-hashing';

const sha256Of = (...parts: Uint8Array[]) => {
  const hash = createHash('sha256');
  parts.forEach((part) => hash.update(part));
  return hash.digest();
};

describe('Merkle hashing, one-shot', () => {
  it('hashes two children as SHA-256(0x01 || left || right)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (left, right) => {
          expect(hashChildren(left, right)).toEqual(sha256Of(Uint8Array.of(1), left, right));
          expect(hashChildren(left, right)).toEqual(hashChildren(left, right));
        },
      ),
    );
  });

  it('hashes the leaf of an event hash as SHA-256(0x00 || its 32 bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const hex = Buffer.from(bytes).toString('hex');
        expect(eventLeafHash(hex)).toEqual(sha256Of(Uint8Array.of(0), bytes));
        expect(eventLeafHash(hex.toUpperCase())).toEqual(hashLeaf(bytes));
      }),
    );
  });

  it('hashes a malformed event hash as it always did: the bytes its hex decodes to', () => {
    for (const malformed of ['', 'abc', `${'a'.repeat(62)}zz`, 'f'.repeat(66)]) {
      expect(eventLeafHash(malformed)).toEqual(hashLeaf(Buffer.from(malformed, 'hex')));
    }
  });
});
