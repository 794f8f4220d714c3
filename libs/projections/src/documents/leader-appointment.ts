import type { DepartureReason, LeaderRole } from '@blue-ledger/domain';
import type { RecordedEvent } from '@blue-ledger/event-store';
import { recordedOf, type Recorded } from '../support/envelope';
import { ledgerEventOf } from '../support/ledger-event-of';

/** One appointment of a mission leader, and its end once there is one. */
export interface LeaderAppointment {
  appointmentId: string;
  missionCode: string;
  role: LeaderRole;
  post: string | null;
  /** The person, by subject id: personal details stay in the sealed event. */
  subjectId: string;
  nationality: string;
  appointedAt: string;
  recorded: Recorded;
  departure: {
    at: string;
    reason: DepartureReason;
    note: string | null;
    /** The decision to relieve the leader whose implementation it records. */
    decisionId: string | null;
    recorded: Recorded;
  } | null;
}

/** The appointment an event is about, or null. */
export function appointmentIdOf(event: RecordedEvent): string | null {
  const e = ledgerEventOf(event);
  return e.type === 'LeaderAppointed' || e.type === 'LeaderDeparted' ? e.data.appointmentId : null;
}

export function evolveAppointment(
  doc: LeaderAppointment | null,
  event: RecordedEvent,
): LeaderAppointment | null {
  const e = ledgerEventOf(event);
  switch (e.type) {
    case 'LeaderAppointed': {
      if (doc !== null) return doc;
      const { appointmentId, missionCode, role, post, subjectId, nationality, appointedAt } =
        e.data;
      return {
        appointmentId,
        missionCode,
        role,
        post: post ?? null,
        subjectId,
        nationality,
        appointedAt,
        recorded: recordedOf(event),
        departure: null,
      };
    }
    case 'LeaderDeparted': {
      if (doc === null) return null;
      const { at, reason, note, decisionId } = e.data;
      return {
        ...doc,
        departure: {
          at,
          reason,
          note: note ?? null,
          decisionId: decisionId ?? null,
          recorded: recordedOf(event),
        },
      };
    }
    default:
      return doc;
  }
}
