import type { CountedRate, FairnessAnswer } from './fairness.queries';
import { stringify } from 'csv-stringify/sync';

export interface CsvTable {
  title: string;
  csv: string;
}

const rateColumns = (name: string, figure: CountedRate) => ({
  [name]: figure.count,
  [`${name} per 1000 PY`]: figure.rate?.per1000 ?? '',
  [`${name} 95% low`]: figure.rate?.interval95[0] ?? '',
  [`${name} 95% high`]: figure.rate?.interval95[1] ?? '',
});

/** The answer's tables, one CSV each: countries, shared responsibility, common parameters, timeliness. */
export function fairnessTables(answer: FairnessAnswer): CsvTable[] {
  const table = (title: string, rows: Record<string, unknown>[]): CsvTable => ({
    title,
    csv: stringify(rows, {
      header: true,
      columns: rows.length > 0 ? Object.keys(rows[0]) : ['none'],
    }),
  });
  const countries = answer.countries.map((c) => ({
    country: c.country,
    'person-years': c.personYears.total,
    sources: c.personYears.sources.join(' '),
    'years with unknown sizes': c.personYears.unknownSizeYears.join(' '),
    exposure: c.personYears.exposure,
    ...rateColumns('incidents present', c.incidentsPresent),
    ...rateColumns('findings', c.findings),
    'findings low': c.findings.bySeverity.low.count,
    'findings medium': c.findings.bySeverity.medium.count,
    'findings high': c.findings.bySeverity.high.count,
    'findings critical': c.findings.bySeverity.critical.count,
    ...rateColumns('namings', c.namings),
    ...rateColumns('repatriation recommendations', c.repatriationRecommendations),
    'decisions repatriate': c.decisions.byOutcome.repatriate.count,
    'decisions retain': c.decisions.byOutcome.retain.count,
    'decisions defer': c.decisions.byOutcome.defer.count,
    ...rateColumns('implemented repatriations', c.implementedRepatriations),
    'evaluations exceeds standard': c.evaluations.byRating.exceeds_standard.count,
    'evaluations meets standard': c.evaluations.byRating.meets_standard.count,
    'evaluations below standard': c.evaluations.byRating.below_standard.count,
    'evaluations unsatisfactory': c.evaluations.byRating.unsatisfactory.count,
    ...rateColumns('commendations', c.commendations),
  }));
  const shared = Object.entries(answer.sharedResponsibility.byLevel).map(([level, s]) => ({
    level,
    findings: s.count,
    of: s.of,
    share: s.share ?? '',
  }));
  const context = answer.sharedResponsibility.unitFindingsWithContextFactors;
  shared.push({
    level: 'unit, with context factors',
    findings: context.count,
    of: context.of,
    share: context.share ?? '',
  });
  const common = answer.commonParameters.map((r) => ({
    category: r.category,
    severity: r.severity,
    country: r.country,
    findings: r.findings.count,
    'repatriation recommended': r.repatriationRecommended.count,
    repatriated: r.outcomes.repatriated.count,
    retained: r.outcomes.retained.count,
    deferred: r.outcomes.deferred.count,
    'never decided': r.outcomes.never_decided.count,
    'median days to a decision': r.medianDaysToDecision ?? '',
  }));
  const timeliness = answer.timeliness.map((t) => ({
    country: t.country,
    notifications: t.notifications.count,
    replies: t.replies.count,
    'median days to reply': t.replies.medianDays ?? '',
    unanswered: t.unanswered.count,
    'deadlines met': t.deadlines.met.count,
    'deadlines missed': t.deadlines.missed.count,
    'deadlines overdue': t.deadlines.overdue.count,
    'deadlines open': t.deadlines.open.count,
    'recommendations decided': t.recommendationToDecision.count,
    'median days to a decision': t.recommendationToDecision.medianDays ?? '',
    'recommendations undecided': t.undecidedRecommendations.count,
  }));
  return [
    table('countries', countries),
    table('shared responsibility', shared),
    table('common parameters', common),
    table('timeliness', timeliness),
  ];
}
