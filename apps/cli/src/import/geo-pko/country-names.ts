import countries from 'i18n-iso-countries';

/**
 * What Geo-PKO calls a contributor, as the ledger records it: an ISO 3166-1 alpha-3 code, or
 * not a country at all. English names are looked up in i18n-iso-countries (its English names
 * and their usual variants, e.g. "Cote d'Ivoire", "Russia", "Tanzania", "UK", "USA"). This
 * table holds only what the library cannot know: the dataset's own abbreviations, and the
 * entries that name no country.
 */
export const GEO_PKO_NAMES: Readonly<
  Record<string, { country: string } | { notACountry: string }>
> = {
  // The dataset writes the Democratic Republic of the Congo "Drc"; "Congo" is the Republic of the Congo (COG).
  Drc: { country: 'COD' },
  Britain: { country: 'GBR' },
  // The Republic of Korea: the Democratic People's Republic has never contributed to a UN operation.
  Korea: { country: 'KOR' },
  'Korea (ROK)': { country: 'KOR' },
  'TCC name unknown': {
    notACountry: 'the dataset does not know which country contributed the unit',
  },
  Multinational: {
    notACountry: 'a unit of several countries (e.g. UNFICYP’s multinational force)',
  },
  CARICOM: { notACountry: 'a battalion of several Caribbean Community states (UNMIH, 1995)' },
  Un: { notACountry: 'units the dataset lists as the UN’s own, not a member state’s' },
};

export type ContributorName =
  | { kind: 'country'; country: string }
  | { kind: 'not_a_country'; why: string }
  | { kind: 'unknown' };

export function contributorOf(name: string): ContributorName {
  const entry = Object.prototype.hasOwnProperty.call(GEO_PKO_NAMES, name)
    ? GEO_PKO_NAMES[name]
    : undefined;
  if (entry !== undefined) {
    return 'country' in entry
      ? { kind: 'country', country: entry.country }
      : { kind: 'not_a_country', why: entry.notACountry };
  }
  const country = countries.getAlpha3Code(name, 'en');
  return country === undefined ? { kind: 'unknown' } : { kind: 'country', country };
}

/** The English name of a country code, for designations. */
export const countryNameOf = (country: string): string =>
  countries.getName(country, 'en', { select: 'official' }) ?? country;
