import { contributorOf, GEO_PKO_NAMES } from './country-names';

describe('Geo-PKO contributor names', () => {
  it.each([
    ['Bangladesh', 'BGD'],
    ["Cote d'Ivoire", 'CIV'],
    ['Congo', 'COG'],
    ['Russia', 'RUS'],
    ['Tanzania', 'TZA'],
    ['UK', 'GBR'],
    ['USA', 'USA'],
    ['Vietnam', 'VNM'],
    ['Czech Republic', 'CZE'],
  ])('finds %s in the ISO library as %s', (name, code) => {
    expect(contributorOf(name)).toEqual({ kind: 'country', country: code });
  });

  it.each([
    ['Drc', 'COD'],
    ['Britain', 'GBR'],
    ['Korea (ROK)', 'KOR'],
  ])('reads the dataset’s own %s as %s', (name, code) => {
    expect(contributorOf(name)).toEqual({ kind: 'country', country: code });
  });

  it.each(['TCC name unknown', 'Multinational', 'CARICOM', 'Un'])(
    'takes %s for no country',
    (name) => expect(contributorOf(name).kind).toBe('not_a_country'),
  );

  it('knows nothing of a name that is no country', () => {
    expect(contributorOf('Atlantis')).toEqual({ kind: 'unknown' });
  });

  it('keeps in its table only names the library cannot read', async () => {
    const countries = (await import('i18n-iso-countries')).default;
    for (const name of Object.keys(GEO_PKO_NAMES)) {
      expect({ name, code: countries.getAlpha3Code(name, 'en') }).toEqual({
        name,
        code: undefined,
      });
    }
  });
});
