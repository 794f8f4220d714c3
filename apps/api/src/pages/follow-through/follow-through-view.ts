import type { DecisionTimes, FollowThroughSummary } from '@blue-ledger/projections';
import { scaleBand, scaleLinear } from 'd3-scale';
import { format } from '../rendering/format';
import type { UnitName } from '../rendering/page-reads';

/** The median of some numbers, or null when there are none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const wholeDays = (days: number | null) => (days === null ? null : Math.round(days));

/** Days from incident to decision, binned: under a month, a quarter, a half-year, a year, more. */
export const BINS = [
  { label: 'under 30 days', upTo: 30 },
  { label: '30–89 days', upTo: 90 },
  { label: '90–179 days', upTo: 180 },
  { label: '180–364 days', upTo: 365 },
  { label: 'a year or more', upTo: Infinity },
];

export function distribution(days: number[]) {
  const counts = BINS.map(() => 0);
  for (const d of days) counts[BINS.findIndex((b) => d < b.upTo)] += 1;
  const width = 520;
  const height = 180;
  const plot = { left: 40, top: 10, right: 510, bottom: 150 };
  const x = scaleBand<string>()
    .domain(BINS.map((b) => b.label))
    .range([plot.left, plot.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, Math.max(1, ...counts)])
    .nice()
    .range([plot.bottom, plot.top]);
  const r = (n: number) => Math.round(n * 10) / 10;
  return {
    width,
    height,
    plot,
    bars: BINS.map((b, i) => ({
      label: b.label,
      count: counts[i],
      x: r(x(b.label) ?? 0),
      width: r(x.bandwidth()),
      y: r(y(counts[i])),
      height: r(plot.bottom - y(counts[i])),
      mid: r((x(b.label) ?? 0) + x.bandwidth() / 2),
    })),
    yTicks: y
      .ticks(Math.min(4, Math.max(1, ...counts)))
      .map((v) => ({ y: r(y(v)), label: format.number(v) })),
  };
}

export interface Filter {
  mission?: string;
  country?: string;
}

type UnitRef = { contingentId: string | null; missionCode?: string | null };

/** Whether a record about a unit (or a mission leader) passes the mission and country filter. */
export function passes(record: UnitRef, names: Map<string, UnitName>, filter: Filter): boolean {
  const unit = record.contingentId ? names.get(record.contingentId) : undefined;
  const mission = unit?.missionCode ?? record.missionCode ?? undefined;
  if (filter.mission !== undefined && mission !== filter.mission) return false;
  if (filter.country !== undefined && unit?.country !== filter.country) return false;
  return true;
}

/** The follow-through page's model: the three lists and the times, filtered. */
export function followThroughView(input: {
  summary: FollowThroughSummary;
  names: Map<string, UnitName>;
  /** The unit (and mission) each timed decision concerns, by decision id. */
  decisionUnits: Map<string, UnitRef>;
  filter: Filter;
  nowMs: number;
}) {
  const { summary, names, filter } = input;
  const unitOf = (id: string | null) => {
    const u = id ? names.get(id) : undefined;
    return u ? `${u.designation} (${u.country}, ${u.missionCode})` : '—';
  };
  const keep = <T extends UnitRef>(items: T[]) => items.filter((i) => passes(i, names, filter));
  const durations: DecisionTimes[] = summary.durations.items.filter((d) => {
    const unit = input.decisionUnits.get(d.decisionId);
    return unit !== undefined && passes(unit, names, filter);
  });
  const of = (key: keyof DecisionTimes['days']) =>
    durations.map((d) => d.days[key]).filter((v): v is number => v !== null);
  return {
    undecided: keep(summary.recommendationsWithoutDecision.items).map((r) => ({
      action: format.label(r.action),
      unit: unitOf(r.contingentId),
      rationale: r.rationale,
      issuedAt: r.issued.recordedAt,
      age: format.age(r.issued.recordedAt, input.nowMs),
    })),
    notCarriedOut: keep(summary.repatriationsNotImplemented.items).map((d) => ({
      outcome: format.label(d.outcome),
      unit: d.contingentId
        ? unitOf(d.contingentId)
        : `${format.label(d.scope)} (${d.missionCode ?? '—'})`,
      status: d.status,
      decidedAt: d.decidedAt,
      note: d.statusNote,
      authority: d.authority,
    })),
    againstRecommendation: keep(summary.retainedOrDeferredAgainstRecommendation.items).map((d) => ({
      outcome: format.label(d.outcome),
      unit: d.contingentId
        ? unitOf(d.contingentId)
        : `${format.label(d.scope)} (${d.missionCode ?? '—'})`,
      decidedAt: d.decidedAt,
      authority: d.authority,
      rationale: d.rationale,
      reason: d.reasonForDeviation,
      status: d.status,
    })),
    // In whole days, as people count them.
    medians: {
      incidentToFinding: wholeDays(median(of('incidentToFinding'))),
      findingToDecision: wholeDays(median(of('findingToDecision'))),
      incidentToDecision: wholeDays(median(of('incidentToDecision'))),
    },
    timed: durations.length,
    chart: distribution(of('incidentToDecision')),
  };
}
