import { scaleTime } from 'd3-scale';
import { ROLE_LABELS } from '../layout/layout-context';
import { format } from '../rendering/format';
import { queryString } from '../rendering/query-fields';

/** One entry of the incident's timeline as the JSON API answers it (with asOf's `changes`). */
export interface ReplayEntryAnswer {
  position: number;
  recordedAt: string;
  occurredAt: string | null;
  type: string;
  streamId: string;
  actor: { id: string; role: string };
  summary: string;
  ids: Record<string, string | string[]>;
  changes?: { field: string; from: unknown; to: unknown }[];
  reason?: string | null;
}

export type ReplayOrder = 'occurred' | 'recorded';

export interface ChangeView {
  field: string;
  from: string;
  to: string;
}

export interface ReplayEntryView {
  /** Its place in the order the ledger learnt things: step 1 is the first event recorded. */
  step: number;
  position: number;
  recordedAt: string;
  occurredAt: string | null;
  type: string;
  actor: string;
  role: string;
  summary: string;
  known: boolean;
  /** Recorded after something that happened later was already known: a late-recorded fact. */
  late: boolean;
  /** The entry the instant shown stands on. */
  current: boolean;
  changes: ChangeView[];
  reason: string | null | undefined;
  /** The step of the known correction that superseded this entry. */
  supersededBy: number | undefined;
  stepHref: string;
}

export interface ChartPoint {
  x: number;
  y: number;
  step: number;
  known: boolean;
  late: boolean;
  current: boolean;
  label: string;
}

export interface ReplayChart {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  points: ChartPoint[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  /** The vertical line at the instant shown (on the recorded-time axis). */
  instantX: number | undefined;
  /** What the recorded-time labels count, when finer than dates: `, seconds`. */
  xUnit: string;
}

export interface ReplayView {
  entries: ReplayEntryView[];
  total: number;
  knownCount: number;
  lateCount: number;
  step: number;
  previousHref: string | undefined;
  nextHref: string | undefined;
  firstHref: string;
  nowHref: string;
  orderHref: { occurred: string; recorded: string };
  showUnknownHref: string;
  hideUnknownHref: string;
  chart: ReplayChart;
}

/** A value a correction set or replaced, as a reader reads it. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(valueText).join('; ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${valueText(v)}`)
      .join(', ');
  }
  return JSON.stringify(value);
}

/** The subject a correction is about: what it changes, by the id that names it. */
const SUBJECT_FIELDS = ['findingId', 'evidenceId', 'decisionId', 'incidentId', 'investigationId'];
const subjectOf = (entry: ReplayEntryAnswer): string | undefined => {
  for (const field of SUBJECT_FIELDS) {
    const id = entry.ids[field];
    if (typeof id === 'string') return `${field}:${id}`;
  }
  return undefined;
};

const ms = (iso: string | null): number | undefined => {
  if (iso === null) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
};

/**
 * The replay: every entry of the timeline with its step in recorded order, whether it was
 * known at the instant shown (`upTo`, a global position; undefined: now), whether it came late,
 * which known correction superseded it; the links that step through the record; and the chart
 * of occurred time against recorded time.
 */
export function replayView(input: {
  incidentId: string;
  /** The whole timeline now, in the order the page shows it. */
  entries: ReplayEntryAnswer[];
  order: ReplayOrder;
  /** The positions of the entries known at the instant shown (its own read); undefined: now. */
  knownPositions: ReadonlySet<number> | undefined;
  /** The instant shown, when one is. */
  asOf: string | undefined;
  showUnknown: boolean;
}): ReplayView {
  const { incidentId, order, knownPositions, showUnknown } = input;
  const upTo = knownPositions === undefined ? undefined : Math.max(-1, ...knownPositions);
  const byPosition = [...input.entries].sort((a, b) => a.position - b.position);
  const stepOf = new Map(byPosition.map((e, i) => [e.position, i + 1]));
  const known = (e: ReplayEntryAnswer) =>
    knownPositions === undefined || knownPositions.has(e.position);
  const knownCount = byPosition.filter(known).length;
  const step = knownCount;
  const base = `/ui/incidents/${incidentId}/timeline`;
  const href = (state: { order?: ReplayOrder; step?: number; asOf?: string; unknown?: boolean }) =>
    base +
    queryString({
      order: (state.order ?? order) === 'occurred' ? undefined : 'recorded',
      step: state.step,
      asOf: state.asOf,
      unknown: (state.unknown ?? showUnknown) ? 'show' : undefined,
    });
  const here = upTo === undefined ? {} : { asOf: input.asOf };

  // Late: recorded after a fact that happened later had already been recorded.
  const late = new Set<number>();
  let latestOccurred = -Infinity;
  for (const e of byPosition) {
    const t = ms(e.occurredAt);
    if (t === undefined) continue;
    if (t < latestOccurred) late.add(e.position);
    latestOccurred = Math.max(latestOccurred, t);
  }

  // Superseded: the last earlier entry about the same subject, once a known correction came.
  const supersededBy = new Map<number, number>();
  const lastAbout = new Map<string, number>();
  for (const e of byPosition) {
    const subject = subjectOf(e);
    if (subject === undefined) continue;
    const earlier = lastAbout.get(subject);
    if (e.changes !== undefined && earlier !== undefined && known(e)) {
      supersededBy.set(earlier, stepOf.get(e.position) ?? 0);
    }
    lastAbout.set(subject, e.position);
  }

  const current = byPosition[step - 1]?.position;
  const entries = input.entries
    .filter((e) => showUnknown || known(e))
    .map((e) => ({
      step: stepOf.get(e.position) ?? 0,
      position: e.position,
      recordedAt: e.recordedAt,
      occurredAt: e.occurredAt,
      type: format.eventType(e.type),
      actor: e.actor.id,
      role: ROLE_LABELS[e.actor.role] ?? e.actor.role,
      summary: e.summary,
      known: known(e),
      late: late.has(e.position),
      current: upTo !== undefined && e.position === current,
      changes: (e.changes ?? []).map((c) => ({
        field: c.field,
        from: valueText(c.from),
        to: valueText(c.to),
      })),
      reason: e.changes === undefined ? undefined : (e.reason ?? null),
      supersededBy: supersededBy.get(e.position),
      stepHref: href({ step: stepOf.get(e.position) }),
    }));

  return {
    entries,
    total: byPosition.length,
    knownCount,
    lateCount: late.size,
    step,
    previousHref: step > 1 ? href({ step: step - 1 }) : undefined,
    nextHref: step < byPosition.length ? href({ step: step + 1 }) : undefined,
    firstHref: href({ step: 1 }),
    nowHref: href({}),
    orderHref: {
      occurred: href({ ...here, order: 'occurred' }),
      recorded: href({ ...here, order: 'recorded' }),
    },
    showUnknownHref: href({ ...here, unknown: true }),
    hideUnknownHref: href({ ...here, unknown: false }),
    chart: chartOf(byPosition, known, late, current, upTo, input.asOf),
  };
}

const WIDTH = 640;
const HEIGHT = 280;
const PLOT = { left: 92, top: 16, right: 624, bottom: 236 };

function chartOf(
  entries: ReplayEntryAnswer[],
  known: (e: ReplayEntryAnswer) => boolean,
  late: Set<number>,
  current: number | undefined,
  upTo: number | undefined,
  asOf: string | undefined,
): ReplayChart {
  const dated = entries.filter((e) => ms(e.occurredAt) !== undefined);
  const recorded = entries.map((e) => Date.parse(e.recordedAt));
  const occurred = dated.map((e) => ms(e.occurredAt) as number);
  const span = (values: number[]): [Date, Date] => {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    // One instant only: a second either side, so that it is drawn in the middle.
    return lo === hi ? [new Date(lo - 1000), new Date(hi + 1000)] : [new Date(lo), new Date(hi)];
  };
  const empty = entries.length === 0;
  const x = scaleTime()
    .domain(empty ? [new Date(0), new Date(1000)] : span(recorded))
    .range([PLOT.left, PLOT.right]);
  const y = scaleTime()
    .domain(occurred.length === 0 ? [new Date(0), new Date(1000)] : span(occurred))
    .range([PLOT.bottom, PLOT.top]);
  const recordedSpan = empty ? 0 : Math.max(...recorded) - Math.min(...recorded);
  // As fine as the span needs: a story recorded in a second is told in milliseconds.
  const xLabel = (d: Date) =>
    recordedSpan < 10_000
      ? d.toISOString().slice(17, 23)
      : recordedSpan < 2 * 86_400_000
        ? d.toISOString().slice(11, 19)
        : format.date(d.toISOString());
  const instant = asOf === undefined || upTo === undefined ? undefined : Date.parse(asOf);
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    points: dated.map((e) => ({
      x: round(x(new Date(e.recordedAt))),
      y: round(y(new Date(ms(e.occurredAt) as number))),
      step: entries.indexOf(e) + 1,
      known: known(e),
      late: late.has(e.position),
      current: e.position === current && upTo !== undefined,
      label: `${format.eventType(e.type)}: occurred ${format.dateTime(e.occurredAt)}, recorded ${format.dateTime(e.recordedAt)}`,
    })),
    xTicks: empty ? [] : x.ticks(5).map((d) => ({ x: round(x(d)), label: xLabel(d) })),
    yTicks:
      occurred.length === 0
        ? []
        : y.ticks(5).map((d) => ({ y: round(y(d)), label: format.date(d.toISOString()) })),
    xUnit:
      recordedSpan < 10_000 ? ', seconds' : recordedSpan < 2 * 86_400_000 ? ', time of day' : '',
    instantX:
      instant === undefined || Number.isNaN(instant)
        ? undefined
        : round(Math.min(PLOT.right, Math.max(PLOT.left, x(new Date(instant))))),
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
