import fc from 'fast-check';
import { RuleViolation } from './errors';
import { isIsoInstant, requireIsoInstant } from './time';

describe('requireIsoInstant', () => {
  it.each([
    '2016-07-10T18:30:00Z',
    '2016-07-10T18:30:00+03:00',
    '2016-07-10T18:30-05:30',
    '2016-07-10T18:30:00.123456Z',
    '2024-02-29T00:00:00Z',
  ])('accepts %s', (value) => {
    expect(requireIsoInstant(value, 'occurredAt')).toBe(value);
  });

  it.each([
    ['a date without a time', '2016-07-10'],
    ['a time without a zone', '2016-07-10T18:30:00'],
    ['a day that does not exist', '2023-02-29T00:00:00Z'],
    ['an hour past 23', '2016-07-10T24:00:00Z'],
    ['a minute past 59', '2016-07-10T18:60:00Z'],
    ['an offset without minutes', '2016-07-10T18:30:00+03'],
    ['free text', 'last Tuesday'],
    ['an empty string', ''],
  ])('rejects %s, naming the field', (_label, value) => {
    expect(() => requireIsoInstant(value, 'occurredAt')).toThrow(
      expect.objectContaining({ code: 'invalid_time', field: 'occurredAt' }),
    );
    expect(() => requireIsoInstant(value, 'occurredAt')).toThrow(RuleViolation);
  });

  it('accepts every four-digit-year instant JavaScript itself prints', () => {
    const range = { min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') };
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true, ...range }), (d) => isIsoInstant(d.toISOString())),
    );
  });
});
