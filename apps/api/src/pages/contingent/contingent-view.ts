import type { Attribution, StrengthPeriod } from '@blue-ledger/domain';
import type { ContingentHistory, ContingentState } from '@blue-ledger/projections';
import { scaleLinear, scaleTime } from 'd3-scale';
import { attributionLine } from '../incident/incident-view';
import { format } from '../rendering/format';
import type { UnitName } from '../rendering/page-reads';

const DAY_MS = 86_400_000;

export interface StrengthChart {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  /** The step line of strength over time, as an SVG path. */
  path: string;
  gaps: { x: number; width: number }[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
}

const WIDTH = 560;
const HEIGHT = 200;
const PLOT = { left: 56, top: 12, right: 548, bottom: 172 };

/** Strength over time as a step line; the periods the unit was gone shaded. */
export function strengthChart(periods: StrengthPeriod[], nowMs: number): StrengthChart | null {
  if (periods.length === 0) return null;
  const start = Date.parse(periods[0].from);
  const endOf = (p: StrengthPeriod) => (p.to === null ? nowMs : Date.parse(p.to));
  const end = Math.max(start + DAY_MS, ...periods.map(endOf));
  const top = Math.max(1, ...periods.map((p) => p.strength ?? 0));
  const x = scaleTime()
    .domain([new Date(start), new Date(end)])
    .range([PLOT.left, PLOT.right]);
  const y = scaleLinear().domain([0, top]).nice().range([PLOT.bottom, PLOT.top]);
  const r = (n: number) => Math.round(n * 10) / 10;
  const parts: string[] = [];
  for (const p of periods) {
    const x0 = r(x(new Date(Date.parse(p.from))));
    const x1 = r(x(new Date(endOf(p))));
    const y0 = r(y(p.strength ?? 0));
    parts.push(`${parts.length === 0 ? 'M' : 'L'} ${x0} ${y0} L ${x1} ${y0}`);
  }
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    path: parts.join(' '),
    gaps: periods
      .filter((p) => p.status !== 'deployed')
      .map((p) => {
        const x0 = r(x(new Date(Date.parse(p.from))));
        return { x: x0, width: r(x(new Date(endOf(p)))) - x0 };
      }),
    xTicks: x.ticks(5).map((d) => ({ x: r(x(d)), label: format.date(d.toISOString()) })),
    yTicks: y.ticks(4).map((v) => ({ y: r(y(v)), label: format.number(v) })),
  };
}

export interface FindingLine {
  statement: string;
  category: string;
  severity: string;
  contextFactors: string[];
  /** The other levels the same finding was attributed to. */
  otherLevels: { level: string; who: string }[];
  attributedNow: boolean;
  withdrawn: boolean;
  revisions: number;
}

export interface NotificationLine {
  notifiedAt: string;
  channel: string;
  about: string;
  replies: { respondedAt: string; statement: string; days: number }[];
  /** Whole days since notified, while no reply came. */
  waitingDays: number | undefined;
}

/** The unit's accountability history as its page shows it. */
export function contingentView(input: {
  contingent: ContingentState;
  strengthOverTime: StrengthPeriod[];
  history: ContingentHistory;
  names: Map<string, UnitName>;
  nowMs: number;
}) {
  const { contingent, history, names, nowMs } = input;
  const days = (from: string, to: number) => Math.floor((to - Date.parse(from)) / DAY_MS);
  const findings: FindingLine[] = history.findings.map((f) => ({
    statement: f.statement,
    category: format.label(f.category),
    severity: f.severity,
    contextFactors: f.contextFactors ?? [],
    otherLevels: f.attributions
      .filter(
        (a: Attribution) => !(a.level === 'unit' && a.contingentId === contingent.contingentId),
      )
      .map((a: Attribution) => attributionLine(a, names)),
    attributedNow: f.attributedNow,
    withdrawn: f.withdrawn !== null,
    revisions: f.revisions.length,
  }));
  const notifications: NotificationLine[] = history.notifications.map((n) => ({
    notifiedAt: n.notifiedAt,
    channel: format.label(n.channel),
    about: n.subjectStreamId,
    replies: n.responses.map((r) => ({
      respondedAt: r.respondedAt,
      statement: r.statement,
      days: days(n.notifiedAt, Date.parse(r.respondedAt)),
    })),
    waitingDays: n.responses.length === 0 ? days(n.notifiedAt, nowMs) : undefined,
  }));
  return {
    contingent,
    presence: contingent.presence,
    strength: input.strengthOverTime,
    chart: strengthChart(input.strengthOverTime, nowMs),
    deployments: history.deployments,
    reHattings: history.reHattings,
    withdrawals: history.withdrawals,
    returns: history.returns,
    incidents: history.incidents,
    findings,
    namings: history.namings,
    recommendations: history.recommendations.map((r) => ({
      action: format.label(r.action),
      rationale: r.rationale,
      status: r.status,
      issuedAt: r.issued.recordedAt,
    })),
    decisions: history.decisions.map((d) => ({
      outcome: format.label(d.outcome),
      scope: format.label(d.scope),
      authority: d.authority,
      decidedAt: d.decidedAt,
      status: d.status,
      carriedOut: d.status === 'implemented',
      note: d.statusNote,
      deviation: d.reasonForDeviation,
    })),
    notifications,
    evaluations: history.evaluations.map((e) => ({
      at: e.evaluatedAt,
      rating: format.label(e.rating),
      summary: e.summary,
    })),
    commendations: history.commendations.map((c) => ({ at: c.at, citation: c.citation })),
  };
}

export type ContingentView = ReturnType<typeof contingentView>;
