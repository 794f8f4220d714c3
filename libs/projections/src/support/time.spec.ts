import fc from 'fast-check';
import { toMillis } from './time';

describe('toMillis', () => {
  it('reads every UTC instant as Date.parse does', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString();
          expect(toMillis(iso)).toBe(Date.parse(iso));
          expect(toMillis(iso.replace('.000Z', 'Z'))).toBe(Date.parse(iso.replace('.000Z', 'Z')));
        },
      ),
    );
  });

  it('reads any text as Date.parse does when that is an instant', () => {
    const variants = fc.tuple(
      fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
      fc.integer({ min: 0, max: 24 }),
      fc.constantFrom('', '.5', '.12', '.123456', '.', 'x', '+00:00'),
    );
    fc.assert(
      fc.property(variants, ([date, cut, tail]) => {
        const text = `${date.toISOString().slice(0, 19 - (cut > 19 ? 0 : cut % 3))}${tail}Z`;
        const parsed = Date.parse(text);
        expect(toMillis(text)).toBe(Number.isNaN(parsed) ? null : parsed);
      }),
    );
  });

  it('reads instants with an offset and refuses what is not an instant', () => {
    expect(toMillis('2016-07-11T17:00:00+02:00')).toBe(Date.parse('2016-07-11T15:00:00Z'));
    expect(toMillis('2016-07-11T15:00:00.123456Z')).toBe(Date.parse('2016-07-11T15:00:00.123Z'));
    expect(toMillis('2016-13-01T00:00:00Z')).toBeNull();
    expect(toMillis('2016-02-30T00:00:00Z')).toBe(Date.parse('2016-02-30T00:00:00Z'));
    expect(toMillis('not a time')).toBeNull();
    expect(toMillis(undefined)).toBeNull();
  });
});
