import { exposureByCountry, LEDGER_SOURCE, type StrengthSpan } from './person-years';

const at = (date: string) => Date.parse(`${date}T00:00:00Z`);
const span = (over: Partial<StrengthSpan>): StrengthSpan => ({
  country: 'NPL',
  missionCode: 'UNMISS',
  source: 'ipi-contributions',
  fromMs: at('2012-01-01'),
  toMs: at('2012-02-01'),
  strength: 100,
  incomplete: false,
  position: 1,
  ...over,
});

describe('Person-days by country', () => {
  const FROM = at('2012-01-01');
  const TO = at('2013-01-01');

  it('sums strength times days over the period, cut to it', () => {
    const exposure = exposureByCountry(
      [span({ fromMs: at('2011-12-01'), toMs: at('2012-01-11'), strength: 30 })],
      FROM,
      TO,
    );
    expect(exposure.get('NPL')?.personDaysBySource).toEqual({ 'ipi-contributions': 300 });
  });

  it('takes the monthly headcount where it covers a day, the yearly estimate elsewhere, and the ledger’s own record last', () => {
    const exposure = exposureByCountry(
      [
        span({ source: 'geo-pko', fromMs: FROM, toMs: TO, strength: 650, position: 2 }),
        span({ fromMs: at('2012-11-01'), toMs: TO, strength: 800, position: 3 }),
        span({ source: LEDGER_SOURCE, fromMs: FROM, toMs: Infinity, strength: 850, position: 4 }),
      ],
      FROM,
      TO,
    );
    const npl = exposure.get('NPL');
    expect(npl?.personDaysBySource).toEqual({
      'geo-pko': 650 * 305,
      'ipi-contributions': 800 * 61,
    });
    expect([...(npl?.positions ?? [])].sort()).toEqual([2, 3]);
  });

  it('adds the units of one source, and keeps countries and missions apart', () => {
    const exposure = exposureByCountry(
      [
        span({ strength: 10, position: 1 }),
        span({ strength: 5, position: 2 }),
        span({ missionCode: 'UNAMID', strength: 7, position: 3 }),
        span({ country: 'IND', strength: 1, position: 4 }),
      ],
      FROM,
      TO,
    );
    expect(exposure.get('NPL')?.personDaysBySource).toEqual({ 'ipi-contributions': 22 * 31 });
    expect(exposure.get('IND')?.personDaysBySource).toEqual({ 'ipi-contributions': 31 });
  });

  it('counts nothing for a size nobody gave and flags the years it covers, and flags a part unknown too', () => {
    const exposure = exposureByCountry(
      [
        span({
          source: 'geo-pko',
          fromMs: at('2011-06-01'),
          toMs: at('2012-03-01'),
          strength: null,
        }),
        span({
          country: 'IND',
          source: 'geo-pko',
          fromMs: FROM,
          toMs: TO,
          strength: 650,
          incomplete: true,
        }),
      ],
      at('2011-01-01'),
      TO,
    );
    expect(exposure.get('NPL')?.personDaysBySource).toEqual({ 'geo-pko': 0 });
    expect([...(exposure.get('NPL')?.unknownSizeYears ?? [])]).toEqual([2011, 2012]);
    expect(exposure.get('IND')?.personDaysBySource).toEqual({ 'geo-pko': 650 * 366 });
    expect([...(exposure.get('IND')?.unknownSizeYears ?? [])]).toEqual([2012]);
  });
});
