import fc from 'fast-check';
import { newSubjectKey, openDetails, sealDetails } from './personal-data-cipher';

const details = fc.dictionary(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/),
  fc.string({ maxLength: 50 }),
  { minKeys: 1, maxKeys: 5 },
);

describe('Personal data cipher', () => {
  it('opens what it sealed, with the same key, event and subject', () => {
    fc.assert(
      fc.property(details, fc.uuid(), fc.string({ minLength: 1 }), (d, eventId, subjectId) => {
        const key = newSubjectKey();
        const sealed = sealDetails(d, key, eventId, subjectId);
        expect(openDetails(sealed, key, eventId, subjectId)).toEqual(d);
      }),
    );
  });

  it('never carries the plaintext in the sealed form', () => {
    const sealed = sealDetails({ name: 'Amina Witness' }, newSubjectKey(), 'e-1', 's-1');
    expect(JSON.stringify(sealed)).not.toContain('Amina');
  });

  describe('when anything bound to the seal differs', () => {
    const key = newSubjectKey();
    const sealed = sealDetails({ name: 'A. Victim' }, key, 'event-1', 'subject-1');

    it('does not open under another key', () => {
      expect(openDetails(sealed, newSubjectKey(), 'event-1', 'subject-1')).toBeUndefined();
    });

    it('does not open for another event (the event id is associated data)', () => {
      expect(openDetails(sealed, key, 'event-2', 'subject-1')).toBeUndefined();
    });

    it('does not open for another subject', () => {
      expect(openDetails(sealed, key, 'event-1', 'subject-2')).toBeUndefined();
    });

    it('does not open once the ciphertext is altered', () => {
      const bytes = Buffer.from(sealed.ciphertext, 'base64url');
      bytes[0] ^= 1;
      const altered = { ...sealed, ciphertext: bytes.toString('base64url') };
      expect(openDetails(altered, key, 'event-1', 'subject-1')).toBeUndefined();
    });
  });
});
