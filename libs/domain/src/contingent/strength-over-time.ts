import type { WithdrawalBy } from '../shared';
import type { ContingentEvent } from './contingent.events';

/**
 * What the record says about a unit's presence at a date: where it served and how many it
 * counted. Each dated fact of its stream is a change; `seq` is its place in the stream, which
 * orders changes dated to the same instant.
 */
export type DatedChange = { at: string; seq: number } & (
  | { kind: 'deployment'; strength?: number; missionCode: string }
  | { kind: 'rotation'; strength?: number }
  | { kind: 're_hatting'; toMissionCode: string }
  | { kind: 'withdrawal'; by: WithdrawalBy; decisionId?: string }
  | { kind: 'return'; strength?: number }
  /** A data set's figure for [at, until): the record says nothing of the unit after it unless something else follows. */
  | { kind: 'report'; strength: number | null; source: string; until: string }
);

/** Deployed, withdrawn (by its country, or by the UN without a decision), or repatriated by a decision. */
export type PresenceStatus = 'deployed' | 'withdrawn' | 'repatriated';

export interface StrengthPeriod {
  /** The first instant of the period (UTC, ISO 8601). */
  from: string;
  /** The first instant after it; null while it lasts. */
  to: string | null;
  /** Personnel counted: 0 while the unit is gone; null while deployed at a strength never recorded. */
  strength: number | null;
  /** The mission it served in (or left, while gone). */
  missionCode: string;
  status: PresenceStatus;
  /** Where the figure comes from when a data set reported it (e.g. `ipi-contributions`); absent for the ledger's own record. */
  source?: string;
}

/** What the unit's registration says before any dated change. */
export interface RegisteredPresence {
  missionCode: string;
  strength?: number;
}

const byDate = (a: DatedChange, b: DatedChange): number =>
  Date.parse(a.at) - Date.parse(b.at) || a.seq - b.seq;

/** A dated change, or the end of a reported period (which comes before whatever else is dated then). */
type Step = { at: number; end: boolean; seq: number; change: DatedChange };

function stepsOf(changes: readonly DatedChange[]): Step[] {
  const steps: Step[] = [];
  for (const change of changes) {
    steps.push({ at: Date.parse(change.at), end: false, seq: change.seq, change });
    if (change.kind === 'report') {
      steps.push({ at: Date.parse(change.until), end: true, seq: change.seq, change });
    }
  }
  return steps.sort((a, b) => a.at - b.at || Number(b.end) - Number(a.end) || a.seq - b.seq);
}

interface Point {
  at: number;
  /** False where the record says nothing (after a reported period, until the next dated change). */
  known: boolean;
  strength: number | null;
  missionCode: string;
  status: PresenceStatus;
  source?: string;
}

/**
 * The unit's strength for each period, from its dated changes in order of date (ties in the
 * order recorded): its deployment (the registration's `deployedAt`), rotations (a new strength,
 * or the same when none is given), re-hattings (another mission, the same strength),
 * withdrawals and repatriations (0 until it returns), returns (the strength given, or the
 * one it left with) and data sets' reports (their figure, null when the source gives none, for
 * the period they report on only). The record starts at the first dated change: before it, the
 * ledger does not know the unit was there, and counts nothing; nor between the end of a
 * reported period and the next dated change. Adjacent periods with the same strength, mission,
 * status and source are one period.
 */
export function strengthOverTime(
  registered: RegisteredPresence,
  changes: readonly DatedChange[],
): StrengthPeriod[] {
  let strength: number | null = registered.strength ?? null;
  let missionCode = registered.missionCode;
  let status: PresenceStatus = 'deployed';
  let reportedBy: number | null = null;
  let known = true;
  const points: Point[] = [];
  for (const step of stepsOf(changes)) {
    const { change } = step;
    if (step.end) {
      // Only the report whose figure still stands ends anything.
      if (reportedBy !== step.seq) continue;
      reportedBy = null;
      known = false;
    } else {
      known = true;
      reportedBy = null;
      switch (change.kind) {
        case 'deployment':
          strength = change.strength ?? strength;
          missionCode = change.missionCode;
          status = 'deployed';
          break;
        case 'rotation':
          strength = change.strength ?? strength;
          break;
        case 're_hatting':
          missionCode = change.toMissionCode;
          break;
        case 'withdrawal':
          status = change.decisionId === undefined ? 'withdrawn' : 'repatriated';
          break;
        case 'return':
          strength = change.strength ?? strength;
          status = 'deployed';
          break;
        case 'report':
          strength = change.strength;
          status = 'deployed';
          reportedBy = change.seq;
          break;
      }
    }
    const source = reportedBy === null ? undefined : (change as { source?: string }).source;
    const point: Point = {
      at: step.at,
      known,
      strength: status === 'deployed' ? strength : 0,
      missionCode,
      status,
      ...(source === undefined ? {} : { source }),
    };
    if (points.length > 0 && points[points.length - 1].at === step.at) {
      points[points.length - 1] = point;
    } else points.push(point);
  }
  const periods: StrengthPeriod[] = [];
  let open: StrengthPeriod | undefined;
  points.forEach((point, index) => {
    const next = points[index + 1];
    const to = next === undefined ? null : new Date(next.at).toISOString();
    if (!point.known) {
      open = undefined;
      return;
    }
    const same =
      open !== undefined &&
      open.strength === point.strength &&
      open.missionCode === point.missionCode &&
      open.status === point.status &&
      open.source === point.source;
    if (same && open !== undefined) {
      open.to = to;
      return;
    }
    open = {
      from: new Date(point.at).toISOString(),
      to,
      strength: point.strength,
      missionCode: point.missionCode,
      status: point.status,
      ...(point.source === undefined ? {} : { source: point.source }),
    };
    periods.push(open);
  });
  return periods;
}

/** When the unit was gone, by its withdrawals and returns: [from, to) with to null while it lasts. */
export function absences(changes: readonly DatedChange[]): { from: string; to: string | null }[] {
  const gone: { from: string; to: string | null }[] = [];
  for (const change of [...changes].sort(byDate)) {
    if (change.kind === 'withdrawal') gone.push({ from: change.at, to: null });
    if (change.kind === 'return' && gone.length > 0) gone[gone.length - 1].to = change.at;
  }
  return gone;
}

/** The dated change an event of a unit's stream makes, `seq` its place among them; null when none. */
export function datedChangeOf(event: ContingentEvent, seq: number): DatedChange | null {
  const strengthOf = (strength: number | undefined) => (strength === undefined ? {} : { strength });
  switch (event.type) {
    case 'ContingentRegistered': {
      const { deployedAt, strength, missionCode } = event.data;
      if (deployedAt === undefined) return null;
      return { kind: 'deployment', at: deployedAt, seq, missionCode, ...strengthOf(strength) };
    }
    case 'ContingentRotated':
      return {
        kind: 'rotation',
        at: event.data.startedAt,
        seq,
        ...strengthOf(event.data.strength),
      };
    case 'ContingentReHatted':
      return {
        kind: 're_hatting',
        at: event.data.at,
        seq,
        toMissionCode: event.data.toMissionCode,
      };
    case 'ContingentWithdrawn': {
      const { at, by, decisionId } = event.data;
      return {
        kind: 'withdrawal',
        at,
        seq,
        by,
        ...(decisionId === undefined ? {} : { decisionId }),
      };
    }
    case 'ContingentReturned':
      return { kind: 'return', at: event.data.at, seq, ...strengthOf(event.data.strength) };
    case 'ContingentStrengthReported': {
      const { from, to, strength, source } = event.data;
      return { kind: 'report', at: from, seq, strength, source, until: to };
    }
    default:
      return null;
  }
}

/** The dated changes after one more event of the unit's stream. */
export function withDatedChangeOf(
  changes: readonly DatedChange[],
  event: ContingentEvent,
): readonly DatedChange[] {
  const change = datedChangeOf(event, changes.length);
  return change === null ? changes : [...changes, change];
}
