import {
  allowanceOf,
  dayOf,
  deadlineRuleOf,
  DEFAULT_DEADLINE_POLICY,
  dueOf,
  offsetMinutesOf,
  startOfDay,
  type DeadlineKind,
} from '@blue-ledger/domain';
import type { Recorded } from '../support/envelope';

/**
 * A deadline as the read model keeps it: when it started and what (if anything) met it. Its
 * due date under the ledger's policy, and its status, are derived when it is read, with the
 * clock of the reading (see `deadlines.queries.ts`).
 */
export interface DeadlineRecord {
  deadlineId: string;
  kind: DeadlineKind;
  /** The stream of the event that started it. */
  streamId: string;
  contingentId: string | null;
  /** A recommendation about a mission leader: the leader's appointment. */
  appointmentId: string | null;
  /** The contributing country it concerns (the notified one, an officer's, a leader's nationality). */
  country: string | null;
  missionCode: string | null;
  /** What it is about. */
  notificationId: string | null;
  investigationId: string | null;
  recommendationId: string | null;
  /** With the deadlines of an allegation: the incidents of sexual exploitation and abuse it concerns. */
  incidentIds: string[];
  startedAt: string;
  /** With investigation_due_date: the investigation's own due date. */
  dueBy: string | null;
  /** When it was met (the time of the meeting event, in the world), or null. */
  metAt: string | null;
  /** The event that met it: its type and where it stands. */
  metBy: ({ type: string } & Recorded) | null;
  started: Recorded;
  /**
   * False when what started it no longer holds (an incident amended away from sexual
   * exploitation and abuse): the deadline is kept, not counted.
   */
  applies: boolean;
}

/** The first instant of the day it started on, in the offset it was written in (UTC ms). */
export function startDayMs(record: Pick<DeadlineRecord, 'startedAt'>): number {
  const offset = offsetMinutesOf(record.startedAt);
  return startOfDay(dayOf(Date.parse(record.startedAt), offset), offset);
}

/**
 * The due instant (UTC ms) of a deadline whose time allowed is fixed (working days, days, or
 * its own due date); null for the ledger-policy kinds, whose windows are configuration and
 * are applied when the deadline is read.
 */
export function fixedDueMs(
  record: Pick<DeadlineRecord, 'kind' | 'startedAt' | 'dueBy'>,
): number | null {
  const rule = deadlineRuleOf(record.kind);
  if ('policy' in rule.allowed) return null;
  return dueOf(
    record.startedAt,
    allowanceOf(rule, DEFAULT_DEADLINE_POLICY),
    record.dueBy ?? undefined,
  ).dueMs;
}

/** The earlier of two meetings, by the time they happened. */
export function earlierMeeting(
  current: Pick<DeadlineRecord, 'metAt' | 'metBy'>,
  metAt: string,
  metBy: { type: string } & Recorded,
): Pick<DeadlineRecord, 'metAt' | 'metBy'> {
  if (current.metAt !== null && Date.parse(current.metAt) <= Date.parse(metAt)) return current;
  return { metAt, metBy };
}
