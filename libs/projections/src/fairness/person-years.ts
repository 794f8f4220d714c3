/** The ledger's own record of units (registration, rotations, withdrawals...), as a source. */
export const LEDGER_SOURCE = 'ledger';

/**
 * Which figure counts where several cover the same day for the same country and mission: the
 * UN's monthly headcounts (IPI) over the yearly estimates of deployments (Geo-PKO), a data set
 * over the ledger's own records of some of the country's units (a total over a part).
 */
export const SOURCE_PRECEDENCE = ['ipi-contributions', 'geo-pko'];

const rankOf = (source: string): number => {
  const index = SOURCE_PRECEDENCE.indexOf(source);
  if (index >= 0) return index;
  return source === LEDGER_SOURCE ? SOURCE_PRECEDENCE.length + 1 : SOURCE_PRECEDENCE.length;
};

const DAY_MS = 86_400_000;
export const DAYS_PER_YEAR = 365.25;

/** A strength that held for [fromMs, toMs) (toMs Infinity while it lasts). */
export interface StrengthSpan {
  country: string;
  missionCode: string;
  source: string;
  fromMs: number;
  toMs: number;
  /** Null: present at a size nobody gave. */
  strength: number | null;
  /** Part of the unit was at a size nobody gave (the known part is `strength`). */
  incomplete: boolean;
  /** The event that recorded it. */
  position: number;
}

export interface Exposure {
  /** Person-days counted, by the source they came from. */
  personDaysBySource: Record<string, number>;
  /** Calendar years (UTC) in which a counted figure had a part of unknown size. */
  unknownSizeYears: Set<number>;
  /** The events whose figures were counted. */
  positions: Set<number>;
}

/**
 * The person-days of each country within [fromMs, toMs): for each day, the strengths of the
 * best source covering it for that country and mission (see SOURCE_PRECEDENCE), summed over
 * the country's units and missions. A day no source covers counts nothing.
 */
export function exposureByCountry(
  spans: readonly StrengthSpan[],
  fromMs: number,
  toMs: number,
): Map<string, Exposure> {
  const groups = new Map<string, StrengthSpan[]>();
  for (const span of spans) {
    const a = Math.max(span.fromMs, fromMs);
    const b = Math.min(span.toMs, toMs);
    if (a >= b) continue;
    const key = `${span.country}|${span.missionCode}`;
    const group = groups.get(key) ?? [];
    group.push({ ...span, fromMs: a, toMs: b });
    groups.set(key, group);
  }
  const result = new Map<string, Exposure>();
  for (const group of groups.values()) {
    const country = group[0].country;
    const exposure = result.get(country) ?? {
      personDaysBySource: {},
      unknownSizeYears: new Set<number>(),
      positions: new Set<number>(),
    };
    result.set(country, exposure);
    const bounds = [...new Set(group.flatMap((s) => [s.fromMs, s.toMs]))].sort((x, y) => x - y);
    for (let i = 0; i + 1 < bounds.length; i += 1) {
      const [a, b] = [bounds[i], bounds[i + 1]];
      const covering = group.filter((s) => s.fromMs <= a && s.toMs >= b);
      if (covering.length === 0) continue;
      const best = Math.min(...covering.map((s) => rankOf(s.source)));
      for (const span of covering.filter((s) => rankOf(s.source) === best)) {
        const days = ((span.strength ?? 0) * (b - a)) / DAY_MS;
        exposure.personDaysBySource[span.source] =
          (exposure.personDaysBySource[span.source] ?? 0) + days;
        exposure.positions.add(span.position);
        if (span.strength === null || span.incomplete) {
          for (
            let y = new Date(a).getUTCFullYear();
            y <= new Date(b - 1).getUTCFullYear();
            y += 1
          ) {
            exposure.unknownSizeYears.add(y);
          }
        }
      }
    }
  }
  return result;
}
