import { randomBytes } from 'node:crypto';
import { newSubjectKey, openDetails, sealDetails } from './personal-data-cipher';
import {
  derivedSecret,
  kekCheckValue,
  unwrapSubjectKey,
  wrapSubjectKey,
  WRAPPED_KEY_BYTES,
} from './key-wrapping';

describe('A subject key wrapped under the key-encryption key', () => {
  const kek = randomBytes(32);
  const key = newSubjectKey();
  const wrapped = wrapSubjectKey(kek, 'victim-1', key);

  it('opens under the same KEK for the same subject', () => {
    expect(wrapped).toHaveLength(WRAPPED_KEY_BYTES);
    expect(unwrapSubjectKey(kek, 'victim-1', wrapped)).toEqual(key);
  });

  it('holds no copy of the key, and opens no details by itself', () => {
    expect(wrapped.includes(key)).toBe(false);
    const sealed = sealDetails({ name: 'Victim One' }, key, 'event-1', 'victim-1');
    for (let start = 0; start + 32 <= wrapped.length; start++) {
      expect(openDetails(sealed, wrapped.subarray(start, start + 32), 'event-1', 'victim-1')).toBe(
        undefined,
      );
    }
  });

  it('does not open under another KEK, for another subject, or altered', () => {
    expect(unwrapSubjectKey(randomBytes(32), 'victim-1', wrapped)).toBeUndefined();
    expect(unwrapSubjectKey(kek, 'victim-2', wrapped)).toBeUndefined();
    const altered = Buffer.from(wrapped);
    altered[20] ^= 1;
    expect(unwrapSubjectKey(kek, 'victim-1', altered)).toBeUndefined();
  });

  it('lets a KEK be recognised without revealing it, and derives other secrets from it', () => {
    expect(kekCheckValue(kek)).toBe(kekCheckValue(Buffer.from(kek)));
    expect(kekCheckValue(kek)).not.toBe(kekCheckValue(randomBytes(32)));
    expect(derivedSecret(kek, 'a')).not.toEqual(derivedSecret(kek, 'b'));
    expect(derivedSecret(kek, 'a').includes(kek)).toBe(false);
  });
});
