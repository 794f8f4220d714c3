import fc from 'fast-check';
import { decode32Bytes, hashToBase64, hashToHex, isHash, parseHash } from './hash-encoding';

const hash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes));

describe('parseHash', () => {
  it('reads the same 32 bytes from hex, HEX, base64 and base64url', () => {
    fc.assert(
      fc.property(hash, (bytes) => {
        for (const text of [
          bytes.toString('hex'),
          bytes.toString('hex').toUpperCase(),
          bytes.toString('base64'),
          bytes.toString('base64').replace(/=$/, ''),
          bytes.toString('base64url'),
          ` ${bytes.toString('hex')}\n`,
        ]) {
          expect(parseHash(text).equals(bytes)).toBe(true);
        }
      }),
    );
  });

  it('round-trips through hashToHex and hashToBase64', () => {
    fc.assert(
      fc.property(hash, (bytes) => {
        expect(hashToHex(hashToBase64(bytes))).toBe(bytes.toString('hex'));
        expect(hashToBase64(hashToHex(bytes))).toBe(bytes.toString('base64'));
      }),
    );
  });

  it('writes hex in lower case', () => {
    expect(hashToHex('AB'.repeat(32))).toBe('ab'.repeat(32));
  });

  it.each([
    ['too short hex', 'ab'.repeat(31)],
    ['too long hex', 'ab'.repeat(33)],
    ['hex with a non-hex character', `${'ab'.repeat(31)}ag`],
    ['base64 of 31 bytes', Buffer.alloc(31).toString('base64')],
    ['base64 of 33 bytes', Buffer.alloc(33).toString('base64')],
    ['base64 with a stray character', `${Buffer.alloc(32).toString('base64').slice(0, 42)}!=`],
    ['an empty string', ''],
  ])('refuses %s', (_what, text) => {
    expect(() => decode32Bytes(text)).toThrow(TypeError);
    expect(isHash(text)).toBe(false);
  });

  it('refuses bytes that are not 32 long', () => {
    expect(() => parseHash(new Uint8Array(31))).toThrow(TypeError);
  });
});
