import { loadConfig, openCommandPath, openLedgerStorage } from '@blue-ledger/runtime';
import { parse } from 'csv-parse/sync';
import countries from 'i18n-iso-countries';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importGeoPko } from '../../apps/cli/src/import/geo-pko/import-geo-pko';
import { importIpiContributions } from '../../apps/cli/src/import/ipi-contributions/import-ipi-contributions';
import { importUnFatalities } from '../../apps/cli/src/import/un-fatalities/import-un-fatalities';
import { ledger } from '../integrity/ledger-cli';
import type { LedgerClient } from '../support/http-client';
import { startApp, type RunningApp } from '../support/in-process-app';
import { storyPrincipalsEnv } from '../support/story-cast';
import { collectStoryWrites, replayWrites, type Write } from './support/story-replay';

/**
 * The fairness figures on a ledger built from the three real data files of ../shared/data
 * (IPI monthly contributions 2009-2014, Geo-PKO deployments 1994-2024, UN fatalities) and the
 * Malakal, Juba, Alindao and Gabon stories, replayed from their own end-to-end runs.
 */
const DATA = path.resolve(__dirname, '../../../shared/data');
const FILES = {
  ipi: path.join(DATA, 'ipi-contributions-2009-2014.csv'),
  geoPko: path.join(DATA, 'geo-pko-tcc-by-location-1994-2024.csv'),
  fatalities: path.join(DATA, 'un-peacekeeping-fatalities.csv'),
};
const STORIES = ['malakal', 'juba', 'alindao', 'gabon'].map((story) =>
  path.resolve(__dirname, `../stories/${story}.e2e-spec`),
);

// The stories run first, unchanged, each on a ledger of its own; their writes are kept.
const stories: Write[][] = [];
describe('the stories, as recorded', () => {
  for (const story of STORIES) {
    describe(path.basename(story), () => {
      stories.push(collectStoryWrites(story));
    });
  }
});

type Row = Record<string, string>;
const csv = (file: string): Row[] => parse(fs.readFileSync(file), { columns: true, bom: true });
const DAY = 86_400_000;
const daysIn = (year: number, month: number) =>
  (Date.UTC(year, month, 1) - Date.UTC(year, month - 1, 1)) / DAY;
const daysOfYear = (year: number) => (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY;

/** Geo-PKO's names as codes, independently of the importer: the ISO library and four names of its own. */
function codeOf(name: string): string | undefined {
  const own: Record<string, string | null> = {
    Drc: 'COD',
    Britain: 'GBR',
    Korea: 'KOR',
    'Korea (ROK)': 'KOR',
    'TCC name unknown': null,
    Multinational: null,
    CARICOM: null,
    Un: null,
  };
  if (name in own) return own[name] ?? undefined;
  return countries.getAlpha3Code(name, 'en');
}

/** `Name (size)` entries of a Geo-PKO row, size null when unknown. */
function entriesOf(overview: string): { name: string; size: number | null }[] {
  return (overview.match(/[^,(]+(?:\([^()]*\)\s*)*?\((?:\d+|size unknown)\)/g) ?? []).map(
    (entry) => {
      const match = /^(.*)\((\d+|size unknown)\)$/.exec(entry.trim()) as RegExpExecArray;
      return {
        name: match[1].trim(),
        size: match[2] === 'size unknown' ? null : Number(match[2]),
      };
    },
  );
}

interface Figure {
  count: number;
  check: string;
}

describe('Fairness, on the real data and the stories', () => {
  let running: RunningApp;
  let dataDir: string;
  let oversight: LedgerClient;
  const timings: Record<string, number> = {};

  const time = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      return await work();
    } finally {
      timings[what] = (Date.now() - started) / 1000;
    }
  };

  beforeAll(async () => {
    if (!fs.existsSync(FILES.ipi)) throw new Error(`the real data files are not in ${DATA}`);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-fairness-'));
    const storage = openLedgerStorage(loadConfig({ LEDGER_DATA_DIR: dataDir }));
    try {
      const commands = openCommandPath(storage);
      await time('import ipi', () => importIpiContributions(commands, FILES.ipi));
      await time('import geo-pko', () => importGeoPko(commands, FILES.geoPko));
      await time('import fatalities', () => importUnFatalities(commands, FILES.fatalities));
    } finally {
      await storage.close();
    }
    running = await time('start (read models catch up)', () =>
      startApp({ LEDGER_DATA_DIR: dataDir, LEDGER_PRINCIPALS: storyPrincipalsEnv() }),
    );
    await time('replay the stories', async () => {
      for (const writes of stories) await replayWrites(running.client, writes);
    });
    oversight = running.client.as('oversight');
  }, 600_000);

  afterAll(async () => {
    await running?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    console.log(`fairness on the real data, seconds: ${JSON.stringify(timings)}`);
  });

  const fairness = async (query: string) => {
    const response = await oversight.get(`/fairness?${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const rowOf = (answer: { countries: { country: string }[] }, country: string) =>
    answer.countries.find((c) => c.country === country) as
      { personYears: { total: number; sources: string[]; unknownSizeYears: number[] } } | undefined;

  it('replayed every story', () => {
    expect(stories.map((writes) => writes.filter((w) => w.status < 300).length)).toEqual([
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
    ]);
    expect(Math.min(...stories.map((writes) => writes.length))).toBeGreaterThan(0);
  });

  it('counts the person-years of three countries in UNMIL, 2010-2013, as the IPI file does, within 0.5%', async () => {
    // Computed here from the file: each month's total holds for every day of that month.
    const byCountry = new Map<string, Map<string, number>>();
    for (const row of csv(FILES.ipi)) {
      if (row['Mission'] !== 'UNMIL' || row['Date'] < '2010' || row['Date'] >= '2014') continue;
      const months = byCountry.get(row['Contributor ISO-3']) ?? new Map<string, number>();
      months.set(row['Date'].slice(0, 7), Number(row['Total Total']));
      byCountry.set(row['Contributor ISO-3'], months);
    }
    // Three countries reported in every one of the 48 months, the largest.
    const everyMonth = [...byCountry].filter(([, months]) => months.size === 48);
    const largest = everyMonth
      .map(([country, months]) => {
        let personDays = 0;
        for (const [month, total] of months) {
          personDays += total * daysIn(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
        }
        return { country, personYears: personDays / 365.25 };
      })
      .sort((a, b) => b.personYears - a.personYears)
      .slice(0, 3);
    expect(largest).toHaveLength(3);
    const answer = await fairness('mission=UNMIL&from=2010-01-01&to=2014-01-01');
    for (const { country, personYears } of largest) {
      const row = rowOf(answer, country);
      expect({ country, sources: row?.personYears.sources }).toEqual({
        country,
        sources: ['ipi-contributions'],
      });
      const gap = Math.abs((row?.personYears.total as number) - personYears) / personYears;
      expect({ country, within: gap <= 0.005 }).toEqual({ country, within: true });
    }
  });

  it.each(['MINUSCA', 'UNMISS'])(
    'counts the person-years in %s for each year of 2016-2021 as the Geo-PKO file’s yearly sums, and flags the sizes it does not give',
    async (mission) => {
      const sums = new Map<string, { known: number; unknown: boolean }>();
      for (const row of csv(FILES.geoPko)) {
        const year = Number(row['year']);
        if (row['mission'] !== mission || year < 2016 || year > 2021) continue;
        for (const { name, size } of entriesOf(row['year.overview'])) {
          const country = codeOf(name);
          if (country === undefined) continue;
          const key = `${country}|${year}`;
          const sum = sums.get(key) ?? { known: 0, unknown: false };
          sums.set(key, { known: sum.known + (size ?? 0), unknown: sum.unknown || size === null });
        }
      }
      expect(sums.size).toBeGreaterThan(20);
      for (let year = 2016; year <= 2021; year += 1) {
        const answer = await fairness(`mission=${mission}&from=${year}-01-01&to=${year + 1}-01-01`);
        for (const [key, { known, unknown }] of sums) {
          const [country, of] = key.split('|');
          if (Number(of) !== year) continue;
          const row = rowOf(answer, country);
          const expected = (known * daysOfYear(year)) / 365.25;
          expect({ key, total: row?.personYears.total }).toEqual({
            key,
            total: expect.closeTo(expected, 3),
          });
          expect({ key, sources: row?.personYears.sources }).toEqual({ key, sources: ['geo-pko'] });
          expect({ key, flagged: row?.personYears.unknownSizeYears.includes(year) }).toEqual({
            key,
            flagged: unknown,
          });
        }
      }
    },
  );

  it('covers the stories: Malakal and Juba (2016), Alindao (2018), Gabon (2021)', async () => {
    const unmiss = await fairness('mission=UNMISS&from=2016-01-01&to=2017-01-01');
    const minusca = await fairness('mission=MINUSCA&from=2018-01-01&to=2022-01-01');
    const row = (answer: { countries: unknown[] }, country: string) =>
      answer.countries.find((c) => (c as { country: string }).country === country) as {
        findings: Figure;
        namings: Figure;
        decisions: Figure & { byOutcome: Record<string, Figure> };
        implementedRepatriations: Figure;
        personYears: { total: number };
      };
    expect(row(unmiss, 'CHN').namings.count).toBeGreaterThan(0);
    expect(row(unmiss, 'CHN').personYears.total).toBeGreaterThan(0);
    expect(unmiss.sharedResponsibility.findings.count).toBeGreaterThan(3);
    expect(row(minusca, 'MRT').findings.count).toBeGreaterThan(0);
    expect(row(minusca, 'MRT').personYears.total).toBeGreaterThan(0);
    expect(row(minusca, 'GAB').implementedRepatriations.count).toBeGreaterThan(0);
    expect(minusca.sharedResponsibility.unitFindingsWithContextFactors.count).toBeGreaterThan(0);
    expect(minusca.commonParameters.length).toBeGreaterThan(0);
    const gabon = minusca.timeliness.find((t: { country: string }) => t.country === 'GAB');
    expect(gabon.deadlines.missed.count + gabon.deadlines.met.count).toBeGreaterThan(0);
  });

  /** Every count with its check, found anywhere in an answer. */
  const checksOf = (answer: unknown): Figure[] => {
    const found: Figure[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (value === null || typeof value !== 'object') return;
      const item = value as Record<string, unknown>;
      if (typeof item.check === 'string' && typeof item.count === 'number') {
        found.push(item as unknown as Figure);
      }
      // Person-years say how many events' figures they counted.
      if (typeof item.check === 'string' && typeof item.records === 'number') {
        found.push({ check: item.check, count: item.records });
      }
      Object.values(item).forEach(walk);
    };
    walk(answer);
    return found;
  };
  const TYPES: Record<string, string[]> = {
    person_years: [
      'ContingentStrengthReported',
      'ContingentRegistered',
      'ContingentRotated',
      'ContingentReHatted',
      'ContingentWithdrawn',
      'ContingentReturned',
    ],
    incidents: ['IncidentReported'],
    findings: ['FindingRecorded'],
    namings: ['UnitNamed'],
    repatriation_recommendations: ['RecommendationIssued'],
    decisions: ['RepatriationDecided'],
    implemented_repatriations: ['RepatriationImplemented'],
    evaluations: ['ContingentEvaluated'],
    commendations: ['ContingentCommended'],
    shared_findings: ['FindingRecorded'],
    unit_findings: ['FindingRecorded'],
    common_parameters: ['FindingRecorded'],
    notifications: ['TccNotified'],
    unanswered_notifications: ['TccNotified'],
    replies: ['TccResponseRecorded'],
    recommendation_decisions: ['RepatriationDecided'],
    undecided_recommendations: ['RecommendationIssued'],
  };

  const everyPage = async (check: string): Promise<Record<string, unknown>[]> => {
    const items: Record<string, unknown>[] = [];
    let next: string | null = null;
    do {
      const url: string = `${check}&limit=1000${next === null ? '' : `&after=${next}`}`;
      const response = await oversight.get(url);
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
      items.push(...(response.body.events ?? response.body.items));
      next = response.body.next;
    } while (next !== null);
    return items;
  };

  it('gives every kind of figure a query that returns exactly the records it counts', async () => {
    const answers = [
      await fairness('mission=UNMISS&from=2016-01-01&to=2017-01-01'),
      await fairness('mission=MINUSCA&from=2014-01-01&to=2025-01-01'),
    ];
    const checks = answers.flatMap(checksOf);
    const kinds = new Set<string>();
    // Every figure that counted something, and one empty one of each kind.
    const emptyShown = new Set<string>();
    for (const { count, check } of checks) {
      const params = new URLSearchParams(check.split('?')[1]);
      const figure = check.startsWith('/deadlines')
        ? 'deadlines'
        : (params.get('figure') as string);
      if (count === 0) {
        if (emptyShown.has(figure)) continue;
        emptyShown.add(figure);
      }
      const records = await everyPage(check);
      expect({ check, count: records.length }).toEqual({ check, count });
      if (figure === 'deadlines') {
        for (const deadline of records) {
          expect(deadline).toMatchObject({
            country: params.get('country'),
            status: params.get('status'),
          });
        }
      } else {
        for (const event of records) {
          expect({ check, type: TYPES[figure].includes(event.type as string) }).toEqual({
            check,
            type: true,
          });
        }
      }
      if (count > 0) kinds.add(figure);
    }
    const expected = [
      'commendations',
      'common_parameters',
      'decisions',
      'deadlines',
      'evaluations',
      'findings',
      'implemented_repatriations',
      'incidents',
      'namings',
      'notifications',
      'person_years',
      'recommendation_decisions',
      'repatriation_recommendations',
      'replies',
      'shared_findings',
      'unit_findings',
    ];
    expect(expected.filter((kind) => !kinds.has(kind))).toEqual([]);
  });

  it('counts person-years from exactly the reports its check returns', async () => {
    const from = Date.parse('2016-01-01T00:00:00Z');
    const to = Date.parse('2022-01-01T00:00:00Z');
    const answer = await fairness('mission=MINUSCA&from=2016-01-01&to=2022-01-01');
    let rows = 0;
    for (const row of answer.countries) {
      if (row.personYears.sources.join() !== 'geo-pko') continue;
      rows += 1;
      const events = await everyPage(row.personYears.check);
      let personDays = 0;
      for (const event of events) {
        const data = event.data as {
          from: string;
          to: string;
          strength: number | null;
          source: string;
        };
        expect({ type: event.type, source: data.source }).toEqual({
          type: 'ContingentStrengthReported',
          source: 'geo-pko',
        });
        const days =
          (Math.min(Date.parse(data.to), to) - Math.max(Date.parse(data.from), from)) / DAY;
        personDays += (data.strength ?? 0) * days;
      }
      expect({ country: row.country, total: row.personYears.total }).toEqual({
        country: row.country,
        total: expect.closeTo(personDays / 365.25, 3),
      });
    }
    expect(rows).toBeGreaterThan(10);
  });

  it('shows a liaison its own country’s row only, the same as oversight sees it', async () => {
    const query = 'mission=MINUSCA&from=2014-01-01&to=2025-01-01';
    const all = await fairness(query);
    const own = (await running.client.as('liaisonMRT').get(`/fairness?${query}`)).body;
    expect(own.countries.map((c: { country: string }) => c.country)).toEqual(['MRT']);
    expect(own.countries[0]).toEqual(
      all.countries.find((c: { country: string }) => c.country === 'MRT'),
    );
    const other = await running.client
      .as('liaisonMRT')
      .get(`/fairness/records?${query}&figure=person_years&country=GAB`);
    expect(other.body.events).toEqual([]);
  });

  it('answers the same after `ledger rebuild`, and `ledger fairness` gives the same figures', async () => {
    const queries = [
      'mission=MINUSCA&from=2014-01-01&to=2025-01-01',
      'mission=UNMISS&from=2016-01-01&to=2017-01-01',
      'from=2009-01-01&to=2025-01-01',
    ];
    const withoutClock = ({ clock: _clock, ...rest }: Record<string, unknown>) => rest;
    const before = [];
    for (const query of queries) before.push(withoutClock(await fairness(query)));
    // As of just before the first incident was recorded: the data sets' strength, no incident.
    const firstIncident = await oversight.get('/audit?type=IncidentReported&limit=1');
    const asOf = new Date(Date.parse(firstIncident.body.events[0].recordedAt) - 1).toISOString();
    const then = await fairness(`${queries[0]}&asOf=${encodeURIComponent(asOf)}`);
    expect(then.asOf).toBe(asOf);
    expect(then.countries.length).toBeGreaterThan(5);
    expect(
      then.countries.every(
        (c: { incidentsPresent: { count: number } }) => c.incidentsPresent.count === 0,
      ),
    ).toBe(true);
    const now = before[0] as { countries: { incidentsPresent: { count: number } }[] };
    expect(now.countries.some((c) => c.incidentsPresent.count > 0)).toBe(true);
    await running.close();
    const rebuilt = await time('ledger rebuild', () => ledger(['rebuild'], dataDir));
    expect(rebuilt.code).toBe(0);
    const cli = await ledger(
      ['fairness', '--mission', 'MINUSCA', '--from', '2014-01-01', '--to', '2025-01-01'],
      dataDir,
    );
    expect(cli.code).toBe(0);
    expect(withoutClock(JSON.parse(cli.stdout))).toEqual(before[0]);
    const cliThen = await ledger(
      [
        'fairness',
        '--mission',
        'MINUSCA',
        '--from',
        '2014-01-01',
        '--to',
        '2025-01-01',
        '--as-of',
        asOf,
      ],
      dataDir,
    );
    expect(cliThen.code).toBe(0);
    expect(JSON.parse(cliThen.stdout)).toEqual(then);
    const asCsv = await ledger(
      [
        'fairness',
        '--mission',
        'MINUSCA',
        '--from',
        '2014-01-01',
        '--to',
        '2025-01-01',
        '--format',
        'csv',
      ],
      dataDir,
    );
    expect(asCsv.stdout).toMatch(/^# countries\ncountry,person-years,sources/);
    running = await startApp({ LEDGER_DATA_DIR: dataDir, LEDGER_PRINCIPALS: storyPrincipalsEnv() });
    oversight = running.client.as('oversight');
    for (const [i, query] of queries.entries()) {
      expect(withoutClock(await fairness(query))).toEqual(before[i]);
    }
    expect(await fairness(`${queries[0]}&asOf=${encodeURIComponent(asOf)}`)).toEqual(then);
  });
});
