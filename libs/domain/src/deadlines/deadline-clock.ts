import type { ResolvedAllowance } from './deadline-rules';
import {
  addWorkingDays,
  dayOf,
  instantInOffset,
  offsetMinutesOf,
  startOfDay,
  workingDaysBetween,
} from './working-days';

/** Met in time; met late; not met and still in time; not met and past due. */
export type DeadlineStatus = 'open' | 'overdue' | 'met' | 'missed';
export const DEADLINE_STATUSES: readonly DeadlineStatus[] = ['open', 'overdue', 'met', 'missed'];

export interface Due {
  /** The first instant past the time allowed, written in the offset days are counted in. */
  dueAt: string;
  dueMs: number;
  /** The UTC offset the deadline's days are counted in, in minutes. */
  offsetMinutes: number;
}

/**
 * When a deadline falls due. A limit in days or working days runs to the end of the last day
 * allowed, counted in the UTC offset of the instant it starts from (the notifier's), the day
 * it starts on not counted: notified on a Wednesday, five working days run to the end of the
 * next Wednesday. A limit that is a date of the record (`dueBy`) is that instant.
 */
export function dueOf(startedAt: string, allowance: ResolvedAllowance, dueBy?: string): Due {
  if ('untilField' in allowance) {
    if (dueBy === undefined) throw new RangeError('a due date is needed');
    return { dueAt: dueBy, dueMs: Date.parse(dueBy), offsetMinutes: offsetMinutesOf(dueBy) };
  }
  const offsetMinutes = offsetMinutesOf(startedAt);
  const first = dayOf(Date.parse(startedAt), offsetMinutes);
  const last =
    'workingDays' in allowance
      ? addWorkingDays(first, allowance.workingDays)
      : first + allowance.days;
  const dueMs = startOfDay(last + 1, offsetMinutes);
  return { dueAt: instantInOffset(dueMs, offsetMinutes), dueMs, offsetMinutes };
}

export interface DeadlineOutcome {
  status: DeadlineStatus;
  /** Missed or overdue: calendar days from the last day allowed to the day it was met, or to the clock's. */
  daysLate?: number;
  /** Missed or overdue: working days after the last day allowed, up to that day. */
  workingDaysLate?: number;
}

/**
 * The deadline's status with `clockMs` as the clock: a meeting dated after the clock has not
 * happened yet. Lateness is counted in days of the deadline's offset, from the last day
 * allowed: appointed on the Tuesday after next, a five-working-day deadline that ran to a
 * Wednesday is 13 days and 9 working days late.
 */
export function outcomeAt(due: Due, metAt: string | null, clockMs: number): DeadlineOutcome {
  const metMs = metAt === null ? null : Date.parse(metAt);
  if (metMs !== null && metMs <= clockMs) {
    return metMs < due.dueMs ? { status: 'met' } : { status: 'missed', ...lateness(due, metMs) };
  }
  return clockMs < due.dueMs
    ? { status: 'open' }
    : { status: 'overdue', ...lateness(due, clockMs) };
}

function lateness(due: Due, atMs: number): { daysLate: number; workingDaysLate: number } {
  const lastAllowed = dayOf(due.dueMs - 1, due.offsetMinutes);
  const day = dayOf(atMs, due.offsetMinutes);
  return {
    daysLate: Math.max(0, day - lastAllowed),
    workingDaysLate: workingDaysBetween(lastAllowed, day),
  };
}
