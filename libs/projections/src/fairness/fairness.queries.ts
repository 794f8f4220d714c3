import {
  ATTRIBUTION_LEVELS,
  EVALUATION_RATINGS,
  SEVERITIES,
  strengthOverTime,
  type AttributionLevel,
  type DeadlinePolicy,
  type DeadlineStatus,
  type EvaluationRating,
  type Severity,
} from '@blue-ledger/domain';
import { viewOf } from '../deadlines/deadlines.queries';
import { deadlines } from '../deadlines/deadlines.tables';
import type { DeadlineRecord } from '../deadlines/deadline-record';
import type { FindingRecord } from '../documents/finding-record';
import type { SqliteDatabase } from '../sqlite/database';
import { versionsAt } from '../sqlite/document-table';
import { idsParameter, type VisibleOnly } from '../sqlite/visible-only';
import { FAIRNESS_DEFINITIONS, MIN_PERSON_YEARS, FEW_EVENTS } from './fairness-definitions';
import type {
  DecisionFact,
  FactKind,
  FairnessFact,
  IncidentFact,
  InvestigationFact,
  NamingFact,
  NotificationFact,
  RecommendationFact,
  UnitFact,
  UnitRecordFact,
} from './fairness-facts';
import { fairnessFacts, REPORTS_TABLE, type ReportRow } from './fairness.tables';
import {
  DAYS_PER_YEAR,
  exposureByCountry,
  LEDGER_SOURCE,
  type Exposure,
  type StrengthSpan,
} from './person-years';
import { rateOf, round, type Rate } from './poisson-interval';

/** A mission (or every mission) and a period [from, to) of occurred time. */
export interface FairnessQuery {
  mission?: string;
  from: string;
  to: string;
  /** The instant asked as of, if any: carried into every `check` link (context.upTo reads it). */
  asOf?: string;
}

export interface FairnessContext {
  /** A liaison's: everything is computed from what it may see only. */
  visible?: VisibleOnly;
  /** A liaison's country: the deadlines it sees are its country's. */
  country?: string;
  policy: DeadlinePolicy;
  /** The instant deadlines are read at (ms). */
  clockMs: number;
  /**
   * As known once the events up to this global position (inclusive) were recorded; now when
   * undefined. Every fact, report and deadline is read from the versions valid then.
   */
  upTo?: number;
}

/** Which records a figure counts: the `figure`, and where it has them a country and a key (severity, outcome...). */
export interface CellRef {
  figure: string;
  country?: string;
  key?: string;
}

/** A count, and the query that returns exactly the records it counts. */
export interface Counted {
  count: number;
  check: string;
}

/** A count against the country's exposure. */
export interface CountedRate extends Counted {
  rate: Rate | null;
  /** Fewer than FEW_EVENTS: the rate moves a lot with one event more or less. */
  fewEvents: boolean;
}

export type Exposed = 'none' | 'too_small' | 'sufficient';

export interface CountryRow {
  country: string;
  personYears: {
    total: number;
    bySource: Record<string, number>;
    sources: string[];
    /** Years in which part of the country's units were there at a size nobody gave: a lower bound. */
    unknownSizeYears: number[];
    exposure: Exposed;
    /** How many events' figures were counted: what `check` returns. */
    records: number;
    check: string;
  };
  incidentsPresent: CountedRate;
  findings: CountedRate & { bySeverity: Record<Severity, CountedRate> };
  namings: CountedRate;
  repatriationRecommendations: CountedRate;
  decisions: CountedRate & { byOutcome: Record<'repatriate' | 'retain' | 'defer', CountedRate> };
  implementedRepatriations: CountedRate;
  evaluations: CountedRate & { byRating: Record<EvaluationRating, CountedRate> };
  commendations: CountedRate;
}

export interface Share extends Counted {
  of: number;
  share: number | null;
}

export type CommonOutcome = 'repatriated' | 'retained' | 'deferred' | 'never_decided';
const COMMON_OUTCOMES: CommonOutcome[] = ['repatriated', 'retained', 'deferred', 'never_decided'];

export interface CommonParameterRow {
  category: string;
  severity: Severity;
  country: string;
  findings: Counted;
  repatriationRecommended: Counted;
  outcomes: Record<CommonOutcome, Share>;
  /** The findings decided on (repatriated, retained or deferred): the median counts their days. */
  decided: Counted;
  medianDaysToDecision: number | null;
}

export interface DaysFigure extends Counted {
  medianDays: number | null;
}

export interface TimelinessRow {
  country: string;
  notifications: Counted;
  replies: DaysFigure;
  unanswered: Counted;
  deadlines: Record<DeadlineStatus, Counted>;
  recommendationToDecision: DaysFigure;
  undecidedRecommendations: Counted;
}

export interface FairnessAnswer {
  mission: string | null;
  from: string;
  to: string;
  clock: string;
  countries: CountryRow[];
  sharedResponsibility: {
    findings: Counted;
    byLevel: Record<AttributionLevel, Share>;
    unitFindings: Counted;
    unitFindingsWithContextFactors: Share;
  };
  commonParameters: CommonParameterRow[];
  timeliness: TimelinessRow[];
  definitions: typeof FAIRNESS_DEFINITIONS;
}

const DAY_MS = 86_400_000;

/** The figures a `check` names. */
export const FAIRNESS_FIGURES = [
  'person_years',
  'incidents',
  'findings',
  'namings',
  'repatriation_recommendations',
  'decisions',
  'implemented_repatriations',
  'evaluations',
  'commendations',
  'shared_findings',
  'unit_findings',
  'common_parameters',
  'notifications',
  'unanswered_notifications',
  'replies',
  'recommendation_decisions',
  'undecided_recommendations',
] as const;
const REPATRIATIONS = ['repatriate_unit', 'repatriate_commander'];
const UNIT_SCOPES = ['unit', 'commander', 'individuals'];

/** Records counted, by cell: events by their global position (deadlines by their id). */
class CellBook {
  private readonly cells = new Map<string, Set<number | string>>();

  static keyOf(ref: CellRef): string {
    return JSON.stringify([ref.figure, ref.country ?? null, ref.key ?? null]);
  }

  add(ref: CellRef, record: number | string): void {
    const key = CellBook.keyOf(ref);
    const cell = this.cells.get(key) ?? new Set<number | string>();
    cell.add(record);
    this.cells.set(key, cell);
  }

  positions(ref: CellRef): number[] {
    return [...(this.cells.get(CellBook.keyOf(ref)) ?? [])]
      .filter((record): record is number => typeof record === 'number')
      .sort((a, b) => a - b);
  }

  count(ref: CellRef): number {
    return this.cells.get(CellBook.keyOf(ref))?.size ?? 0;
  }
}

/** Everything one answer is computed from, read once. */
interface Facts {
  units: Map<string, UnitFact>;
  incidents: Map<string, IncidentFact>;
  investigations: Map<string, InvestigationFact>;
  findings: FindingRecord[];
  namings: NamingFact[];
  recommendations: Map<string, RecommendationFact>;
  decisions: DecisionFact[];
  unitRecords: UnitRecordFact[];
  notifications: NotificationFact[];
}

function readFacts<K extends FactKind>(
  db: SqliteDatabase,
  kind: K,
  visible: VisibleOnly | undefined,
  upTo: number | undefined,
): Extract<FairnessFact, { kind: K }>[] {
  const versions = versionsAt(upTo);
  const visibleOnly = visible ? ' AND entity_id IN (SELECT value FROM json_each(?))' : '';
  const params: (string | number)[] = [
    ...versions.params,
    kind,
    ...(visible ? [idsParameter(visible)] : []),
  ];
  const docs = db
    .prepare(
      `SELECT doc FROM ${fairnessFacts.name} WHERE ${versions.sql} AND kind = ?${visibleOnly} ORDER BY id`,
    )
    .pluck()
    .all(...params) as string[];
  return docs.map((doc) => JSON.parse(doc) as Extract<FairnessFact, { kind: K }>);
}

function readAll(
  db: SqliteDatabase,
  visible: VisibleOnly | undefined,
  upTo: number | undefined,
): Facts {
  const byId = <T, K>(items: T[], id: (item: T) => K) => new Map(items.map((i) => [id(i), i]));
  return {
    units: byId(readFacts(db, 'unit', visible, upTo), (u) => u.contingentId),
    incidents: byId(readFacts(db, 'incident', visible, upTo), (i) => i.incidentId),
    investigations: byId(readFacts(db, 'investigation', visible, upTo), (i) => i.investigationId),
    findings: readFacts(db, 'finding', visible, upTo)
      .map((f) => f.finding)
      .filter((f) => f.withdrawn === null),
    namings: readFacts(db, 'naming', visible, upTo),
    recommendations: byId(
      readFacts(db, 'recommendation', visible, upTo),
      (r) => r.recommendationId,
    ),
    decisions: readFacts(db, 'decision', visible, upTo),
    unitRecords: [
      ...readFacts(db, 'evaluation', visible, upTo),
      ...readFacts(db, 'commendation', visible, upTo),
    ],
    notifications: readFacts(db, 'notification', visible, upTo),
  };
}

/** A bound of the period: an instant, or a date (its first instant, UTC). */
export function boundOf(value: string): number {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  return Date.parse(text);
}

/**
 * Computes every figure of the answer and the records each counts. The answer and the check
 * queries both come from here: a figure and its records cannot disagree.
 */
function compute(
  db: SqliteDatabase,
  query: FairnessQuery,
  context: FairnessContext,
): { answer: FairnessAnswer; book: CellBook } {
  const fromMs = boundOf(query.from);
  const toMs = boundOf(query.to);
  const facts = readAll(db, context.visible, context.upTo);
  const book = new CellBook();
  const inMission = (missionCode: string | null | undefined) =>
    query.mission === undefined || missionCode === query.mission;
  const inPeriod = (ms: number) => ms >= fromMs && ms < toMs;
  const countryOf = (contingentId: string | null | undefined) =>
    contingentId ? facts.units.get(contingentId)?.country : undefined;

  // Exposure.
  const exposure = exposureByCountry(strengthSpans(db, facts, query, context), fromMs, toMs);
  for (const [country, e] of exposure) {
    for (const position of e.positions) book.add({ figure: 'person_years', country }, position);
  }

  // The cohort: what follows from the incidents that occurred in the period.
  const cohortOf = (investigationId: string) => {
    const investigation = facts.investigations.get(investigationId);
    const incidents = (investigation?.incidentIds ?? [])
      .map((id) => facts.incidents.get(id))
      .filter((i): i is IncidentFact => i !== undefined)
      .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
    return incidents[0];
  };
  const inCohort = (investigationId: string) => {
    const first = cohortOf(investigationId);
    return (
      first !== undefined && inMission(first.missionCode) && inPeriod(Date.parse(first.occurredAt))
    );
  };

  const countries = new Set<string>(exposure.keys());
  const tally = (figure: string, country: string | undefined, position: number, key?: string) => {
    if (country === undefined) return;
    countries.add(country);
    book.add({ figure, country }, position);
    if (key !== undefined) book.add({ figure, country, key }, position);
  };

  for (const incident of facts.incidents.values()) {
    if (!inMission(incident.missionCode) || !inPeriod(Date.parse(incident.occurredAt))) continue;
    const present = new Set(incident.contingentIds.map(countryOf));
    for (const country of present) tally('incidents', country, incident.position);
  }

  const cohortFindings = facts.findings.filter((f) => inCohort(f.investigationId));
  for (const finding of cohortFindings) {
    for (const country of countriesOfUnits(finding, countryOf)) {
      tally('findings', country, finding.recorded.position, finding.severity);
    }
  }
  for (const naming of facts.namings) {
    if (inCohort(naming.investigationId)) {
      tally('namings', countryOf(naming.contingentId), naming.position);
    }
  }
  const unitRecommendations = [...facts.recommendations.values()].filter(
    (r) =>
      REPATRIATIONS.includes(r.action) && r.contingentId !== null && inCohort(r.investigationId),
  );
  for (const r of unitRecommendations) {
    tally('repatriation_recommendations', countryOf(r.contingentId), r.position);
  }
  const decisionInCohort = (d: DecisionFact) => {
    const recommendation = d.recommendationId
      ? facts.recommendations.get(d.recommendationId)
      : undefined;
    if (recommendation !== undefined) return inCohort(recommendation.investigationId);
    const unit = d.contingentId ? facts.units.get(d.contingentId) : undefined;
    return inMission(unit?.missionCode) && inPeriod(Date.parse(d.decidedAt));
  };
  const unitDecisions = facts.decisions.filter(
    (d) => UNIT_SCOPES.includes(d.scope) && d.contingentId !== null && decisionInCohort(d),
  );
  for (const d of unitDecisions) {
    tally('decisions', countryOf(d.contingentId), d.position, d.outcome);
    if (d.outcome === 'repatriate' && d.implemented !== null) {
      tally('implemented_repatriations', countryOf(d.contingentId), d.implemented.position);
    }
  }
  for (const record of facts.unitRecords) {
    const unit = facts.units.get(record.contingentId);
    if (unit === undefined || !inMission(unit.missionCode) || !inPeriod(Date.parse(record.at)))
      continue;
    const figure = record.kind === 'evaluation' ? 'evaluations' : 'commendations';
    tally(figure, unit.country, record.position, record.rating ?? undefined);
  }

  const personYearsOf = (country: string) =>
    Object.values(exposure.get(country)?.personDaysBySource ?? {}).reduce((a, b) => a + b, 0) /
    DAYS_PER_YEAR;
  const link = (ref: CellRef) => checkLink(query, ref);
  const counted = (ref: CellRef): Counted => ({ count: book.count(ref), check: link(ref) });
  const rated = (ref: CellRef, personYears: number): CountedRate => {
    const count = book.count(ref);
    return {
      count,
      rate: rateOf(count, personYears),
      fewEvents: count < FEW_EVENTS,
      check: link(ref),
    };
  };
  const keyed = <K extends string>(
    figure: string,
    country: string,
    keys: readonly K[],
    py: number,
  ) =>
    Object.fromEntries(keys.map((key) => [key, rated({ figure, country, key }, py)])) as Record<
      K,
      CountedRate
    >;

  const rows: CountryRow[] = [...countries].sort().map((country) => {
    const py = personYearsOf(country);
    const e: Exposure | undefined = exposure.get(country);
    const bySource = Object.fromEntries(
      Object.entries(e?.personDaysBySource ?? {})
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([source, days]) => [source, round(days / DAYS_PER_YEAR, 4)]),
    );
    return {
      country,
      personYears: {
        total: round(py, 4),
        bySource,
        sources: Object.keys(bySource),
        unknownSizeYears: [...(e?.unknownSizeYears ?? [])].sort(),
        exposure: py <= 0 ? 'none' : py < MIN_PERSON_YEARS ? 'too_small' : 'sufficient',
        records: book.count({ figure: 'person_years', country }),
        check: link({ figure: 'person_years', country }),
      },
      incidentsPresent: rated({ figure: 'incidents', country }, py),
      findings: {
        ...rated({ figure: 'findings', country }, py),
        bySeverity: keyed('findings', country, SEVERITIES, py),
      },
      namings: rated({ figure: 'namings', country }, py),
      repatriationRecommendations: rated({ figure: 'repatriation_recommendations', country }, py),
      decisions: {
        ...rated({ figure: 'decisions', country }, py),
        byOutcome: keyed('decisions', country, ['repatriate', 'retain', 'defer'] as const, py),
      },
      implementedRepatriations: rated({ figure: 'implemented_repatriations', country }, py),
      evaluations: {
        ...rated({ figure: 'evaluations', country }, py),
        byRating: keyed('evaluations', country, EVALUATION_RATINGS, py),
      },
      commendations: rated({ figure: 'commendations', country }, py),
    };
  });

  // Shared responsibility.
  for (const finding of cohortFindings) {
    book.add({ figure: 'shared_findings' }, finding.recorded.position);
    for (const level of new Set(finding.attributions.map((a) => a.level))) {
      book.add({ figure: 'shared_findings', key: level }, finding.recorded.position);
    }
    if (finding.attributions.some((a) => a.level === 'unit')) {
      book.add({ figure: 'unit_findings' }, finding.recorded.position);
      if (finding.contextFactors.length > 0) {
        book.add(
          { figure: 'unit_findings', key: 'with_context_factors' },
          finding.recorded.position,
        );
      }
    }
  }
  const share = (ref: CellRef, of: number): Share => {
    const count = book.count(ref);
    return { count, of, share: of === 0 ? null : round(count / of, 4), check: link(ref) };
  };
  const allFindings = book.count({ figure: 'shared_findings' });
  const unitFindings = book.count({ figure: 'unit_findings' });

  const answer: FairnessAnswer = {
    mission: query.mission ?? null,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    clock: new Date(context.clockMs).toISOString(),
    countries: rows,
    sharedResponsibility: {
      findings: counted({ figure: 'shared_findings' }),
      byLevel: Object.fromEntries(
        ATTRIBUTION_LEVELS.map((level) => [
          level,
          share({ figure: 'shared_findings', key: level }, allFindings),
        ]),
      ) as Record<AttributionLevel, Share>,
      unitFindings: counted({ figure: 'unit_findings' }),
      unitFindingsWithContextFactors: share(
        { figure: 'unit_findings', key: 'with_context_factors' },
        unitFindings,
      ),
    },
    commonParameters: commonParameters(cohortFindings, facts, countryOf, book, link),
    timeliness: timeliness(
      db,
      facts,
      query,
      context,
      { inMission, inPeriod, inCohort, countryOf },
      book,
      link,
    ),
    definitions: FAIRNESS_DEFINITIONS,
  };
  return { answer, book };
}

function countriesOfUnits(
  finding: FindingRecord,
  countryOf: (id: string) => string | undefined,
): Set<string> {
  const countries = new Set<string>();
  for (const a of finding.attributions) {
    if (a.level !== 'unit' || a.contingentId === undefined) continue;
    const country = countryOf(a.contingentId);
    if (country !== undefined) countries.add(country);
  }
  return countries;
}

/** The figures that held in the period: data sets' reports, and each unit's own record. */
function strengthSpans(
  db: SqliteDatabase,
  facts: Facts,
  query: FairnessQuery,
  context: FairnessContext,
): StrengthSpan[] {
  const fromMs = boundOf(query.from);
  const toMs = boundOf(query.to);
  const conditions = ['from_ms < ?', 'to_ms > ?'];
  const params: (string | number)[] = [toMs, fromMs];
  if (context.upTo !== undefined) {
    // A report is never changed: as of a position, the reports recorded by then.
    conditions.push('position <= ?');
    params.push(context.upTo);
  }
  if (query.mission !== undefined) {
    conditions.push('mission_code = ?');
    params.push(query.mission);
  }
  if (context.visible) {
    conditions.push('contingent_id IN (SELECT value FROM json_each(?))');
    params.push(idsParameter(context.visible));
  }
  const reports = db
    .prepare(`SELECT * FROM ${REPORTS_TABLE} WHERE ${conditions.join(' AND ')}`)
    .all(...params) as ReportRow[];
  const spans: StrengthSpan[] = reports.map((r) => ({
    country: r.country,
    missionCode: r.mission_code,
    source: r.source,
    fromMs: r.from_ms,
    toMs: r.to_ms,
    strength: r.strength,
    incomplete: r.incomplete === 1,
    position: r.position,
  }));
  for (const unit of facts.units.values()) {
    if (unit.changes.length === 0) continue;
    for (const period of strengthOverTime(unit.registeredAs, unit.changes)) {
      if (query.mission !== undefined && period.missionCode !== query.mission) continue;
      const from = Date.parse(period.from);
      const started = unit.changes.filter((c) => Date.parse(c.at) === from);
      const seq = Math.max(...started.map((c) => c.seq));
      spans.push({
        country: unit.country,
        missionCode: period.missionCode,
        source: LEDGER_SOURCE,
        fromMs: from,
        toMs: period.to === null ? Infinity : Date.parse(period.to),
        strength: period.strength,
        incomplete: false,
        position: unit.positions[seq],
      });
    }
  }
  return spans;
}

function commonParameters(
  findings: FindingRecord[],
  facts: Facts,
  countryOf: (id: string) => string | undefined,
  book: CellBook,
  link: (ref: CellRef) => string,
): CommonParameterRow[] {
  const recommendationsOn = new Map<string, RecommendationFact[]>();
  for (const r of facts.recommendations.values()) {
    if (!REPATRIATIONS.includes(r.action) && r.action !== 'repatriate_individuals') continue;
    for (const id of r.findingIds)
      recommendationsOn.set(id, [...(recommendationsOn.get(id) ?? []), r]);
  }
  const decisionsOn = new Map<string, DecisionFact[]>();
  for (const d of facts.decisions) {
    if (d.recommendationId === null) continue;
    decisionsOn.set(d.recommendationId, [...(decisionsOn.get(d.recommendationId) ?? []), d]);
  }
  const groups = new Map<
    string,
    { category: string; severity: Severity; country: string; days: number[] }
  >();
  for (const finding of findings) {
    for (const country of countriesOfUnits(finding, countryOf)) {
      const group = `${finding.category}/${finding.severity}/${country}`;
      if (!groups.has(group)) {
        groups.set(group, {
          category: finding.category,
          severity: finding.severity,
          country,
          days: [],
        });
      }
      const position = finding.recorded.position;
      const ref = (key: string) => ({
        figure: 'common_parameters',
        country,
        key: `${group}/${key}`,
      });
      book.add(ref('findings'), position);
      const recommended = (recommendationsOn.get(finding.findingId) ?? []).filter(
        (r) => r.contingentId !== null && countryOf(r.contingentId) === country,
      );
      if (recommended.length > 0) book.add(ref('repatriation_recommended'), position);
      const decided = recommended
        .flatMap((r) => decisionsOn.get(r.recommendationId) ?? [])
        .filter((d) => d.contingentId !== null && countryOf(d.contingentId) === country)
        .sort((a, b) => a.position - b.position);
      const outcomes = new Set(decided.map((d) => d.outcome));
      const outcome: CommonOutcome = outcomes.has('repatriate')
        ? 'repatriated'
        : outcomes.has('retain')
          ? 'retained'
          : outcomes.has('defer')
            ? 'deferred'
            : 'never_decided';
      book.add(ref(outcome), position);
      if (decided.length > 0) {
        // The first decision recorded, on the clock the finding has: recorded time.
        const first = decided[0];
        book.add(ref('decided'), position);
        groups
          .get(group)
          ?.days.push(
            (Date.parse(first.recordedAt) - Date.parse(finding.recorded.recordedAt)) / DAY_MS,
          );
      }
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([group, { category, severity, country, days }]) => {
      const ref = (key: string) => ({
        figure: 'common_parameters',
        country,
        key: `${group}/${key}`,
      });
      const total = book.count(ref('findings'));
      const counted = (key: string): Counted => ({
        count: book.count(ref(key)),
        check: link(ref(key)),
      });
      return {
        category,
        severity,
        country,
        findings: counted('findings'),
        repatriationRecommended: counted('repatriation_recommended'),
        outcomes: Object.fromEntries(
          COMMON_OUTCOMES.map((outcome) => {
            const count = book.count(ref(outcome));
            return [
              outcome,
              {
                count,
                of: total,
                share: total === 0 ? null : round(count / total, 4),
                check: link(ref(outcome)),
              },
            ];
          }),
        ) as Record<CommonOutcome, Share>,
        decided: counted('decided'),
        medianDaysToDecision: median(days),
      };
    });
}

interface Scope {
  inMission: (missionCode: string | null | undefined) => boolean;
  inPeriod: (ms: number) => boolean;
  inCohort: (investigationId: string) => boolean;
  countryOf: (contingentId: string | null | undefined) => string | undefined;
}

function timeliness(
  db: SqliteDatabase,
  facts: Facts,
  query: FairnessQuery,
  context: FairnessContext,
  scope: Scope,
  book: CellBook,
  link: (ref: CellRef) => string,
): TimelinessRow[] {
  const countries = new Set<string>();
  const replyDays = new Map<string, number[]>();
  for (const n of facts.notifications) {
    const unit = facts.units.get(n.contingentId);
    if (
      unit === undefined ||
      !scope.inMission(unit.missionCode) ||
      !scope.inPeriod(Date.parse(n.notifiedAt))
    ) {
      continue;
    }
    countries.add(unit.country);
    book.add({ figure: 'notifications', country: unit.country }, n.position);
    if (n.reply === null) {
      book.add({ figure: 'unanswered_notifications', country: unit.country }, n.position);
      continue;
    }
    book.add({ figure: 'replies', country: unit.country }, n.reply.position);
    const days = (Date.parse(n.reply.respondedAt) - Date.parse(n.notifiedAt)) / DAY_MS;
    replyDays.set(unit.country, [...(replyDays.get(unit.country) ?? []), days]);
  }
  const statusCountries = deadlineStatuses(db, query, context, book);
  for (const country of statusCountries) countries.add(country);
  const decisionDays = new Map<string, number[]>();
  const firstDecision = new Map<string, DecisionFact>();
  for (const d of facts.decisions) {
    if (d.recommendationId === null) continue;
    const known = firstDecision.get(d.recommendationId);
    if (known === undefined || d.position < known.position) {
      firstDecision.set(d.recommendationId, d);
    }
  }
  for (const r of facts.recommendations.values()) {
    if (!REPATRIATIONS.includes(r.action) || !scope.inCohort(r.investigationId)) continue;
    const country = scope.countryOf(r.contingentId);
    if (country === undefined) continue;
    countries.add(country);
    const decision = firstDecision.get(r.recommendationId);
    if (decision === undefined) {
      book.add({ figure: 'undecided_recommendations', country }, r.position);
      continue;
    }
    book.add({ figure: 'recommendation_decisions', country }, decision.position);
    // Both as recorded: a recommendation has no other time, and a backdated decision must not
    // count days before the recommendation it answers.
    const days = (Date.parse(decision.recordedAt) - Date.parse(r.issuedAt)) / DAY_MS;
    decisionDays.set(country, [...(decisionDays.get(country) ?? []), days]);
  }
  const counted = (ref: CellRef): Counted => ({ count: book.count(ref), check: link(ref) });
  return [...countries].sort().map((country) => ({
    country,
    notifications: counted({ figure: 'notifications', country }),
    replies: {
      ...counted({ figure: 'replies', country }),
      medianDays: median(replyDays.get(country) ?? []),
    },
    unanswered: counted({ figure: 'unanswered_notifications', country }),
    deadlines: Object.fromEntries(
      DEADLINE_STATUSES.map((status) => [
        status,
        {
          count: book.count({ figure: 'deadlines', country, key: status }),
          check: deadlinesLink(query, country, status),
        },
      ]),
    ) as Record<DeadlineStatus, Counted>,
    recommendationToDecision: {
      ...counted({ figure: 'recommendation_decisions', country }),
      medianDays: median(decisionDays.get(country) ?? []),
    },
    undecidedRecommendations: counted({ figure: 'undecided_recommendations', country }),
  }));
}

const DEADLINE_STATUSES: DeadlineStatus[] = ['met', 'missed', 'overdue', 'open'];

/**
 * The deadlines read model's deadlines that started in the period, in the mission, of a
 * country, by their status at the clock. A liaison's are its own country's only.
 */
function deadlineStatuses(
  db: SqliteDatabase,
  query: FairnessQuery,
  context: FairnessContext,
  book: CellBook,
): Set<string> {
  const versions = versionsAt(context.upTo);
  const conditions = [
    versions.sql,
    'applies = 1',
    'country IS NOT NULL',
    'started_ms >= ?',
    'started_ms < ?',
  ];
  const params: (string | number)[] = [...versions.params, boundOf(query.from), boundOf(query.to)];
  if (query.mission !== undefined) {
    conditions.push('mission_code = ?');
    params.push(query.mission);
  }
  const docs = db
    .prepare(`SELECT doc FROM ${deadlines.name} WHERE ${conditions.join(' AND ')} ORDER BY seq`)
    .pluck()
    .all(...params) as string[];
  const countries = new Set<string>();
  for (const doc of docs) {
    const record = JSON.parse(doc) as DeadlineRecord;
    if (record.country === null) continue;
    if (context.visible !== undefined && record.country !== context.country) continue;
    const view = viewOf(record, context.policy, context.clockMs);
    countries.add(record.country);
    // One event can start several deadlines (a notification starts three): each counts.
    book.add({ figure: 'deadlines', country: record.country, key: view.status }, record.deadlineId);
  }
  return countries;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return Math.round(value * 100) / 100;
}

function periodParams(query: FairnessQuery): Record<string, string> {
  return {
    ...(query.mission === undefined ? {} : { mission: query.mission }),
    from: query.from,
    to: query.to,
    ...(query.asOf === undefined ? {} : { asOf: query.asOf }),
  };
}

/** The query that returns exactly the records of a figure. */
export function checkLink(query: FairnessQuery, ref: CellRef): string {
  const params = new URLSearchParams({
    ...periodParams(query),
    figure: ref.figure,
    ...(ref.country === undefined ? {} : { country: ref.country }),
    ...(ref.key === undefined ? {} : { key: ref.key }),
  });
  return `/fairness/records?${params.toString()}`;
}

function deadlinesLink(query: FairnessQuery, country: string, status: DeadlineStatus): string {
  const params = new URLSearchParams({
    ...periodParams(query),
    country,
    status,
  });
  return `/deadlines?${params.toString()}`;
}

/** The fairness figures for a mission (or all) and a period, as the reader may see them. */
export function getFairness(
  db: SqliteDatabase,
  query: FairnessQuery,
  context: FairnessContext,
): FairnessAnswer {
  return compute(db, query, context).answer;
}

/** The global positions of the records a figure counts, in order. */
export function fairnessRecordPositions(
  db: SqliteDatabase,
  query: FairnessQuery,
  context: FairnessContext,
  ref: CellRef,
): number[] {
  return compute(db, query, context).book.positions(ref);
}
