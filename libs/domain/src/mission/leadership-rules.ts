import {
  DEPARTURE_REASONS,
  LEADER_ROLES,
  NotFoundError,
  requireCountryCode,
  requireOneOf,
  requireText,
  RuleViolation,
  SINGLE_HOLDER_ROLES,
} from '../shared';
import { requireIsoInstant } from '../shared/time';
import type {
  AppointLeader,
  Appointment,
  RecordLeaderDeparture,
  RegisteredMission,
} from './mission.decider';
import type { LeaderAppointed, LeaderDeparted } from './mission.events';

const millis = (iso: string): number => Date.parse(iso);

/**
 * A leader is appointed in a registered mission, under an id of its own, to a role of the
 * vocabulary. The posts a mission has one holder of (SRSG, force commander, police
 * commissioner) are never held by two appointments at once: a new one must start at or after
 * the departure of every earlier one, so their history is recorded in order. Nobody is
 * appointed twice to the same role and post while the first appointment lasts.
 */
export function decideAppointLeader(
  { data }: AppointLeader,
  state: RegisteredMission,
): [LeaderAppointed] {
  const { appointmentId, role, post, subjectId, nationality, appointedAt, subjectDetails } = data;
  requireText(appointmentId, 'appointmentId');
  if (state.leadership.some((a) => a.appointmentId === appointmentId)) {
    throw new RuleViolation(
      'appointment_exists',
      `appointment ${appointmentId} is already recorded`,
      'appointmentId',
    );
  }
  requireOneOf(role, LEADER_ROLES, 'role');
  if (post !== undefined) requireText(post, 'post');
  requireText(subjectId, 'subjectId');
  requireCountryCode(nationality, 'nationality');
  requireIsoInstant(appointedAt, 'appointedAt');
  if (SINGLE_HOLDER_ROLES.includes(role)) requirePostFree(state, role, appointedAt);
  const holding = state.leadership.find(
    (a) => a.departure === null && a.subjectId === subjectId && a.role === role && a.post === post,
  );
  if (holding !== undefined) {
    throw new RuleViolation(
      'already_appointed',
      `${subjectId} already holds this post (appointment ${holding.appointmentId})`,
      'subjectId',
    );
  }
  return [
    {
      type: 'LeaderAppointed',
      occurredAt: appointedAt,
      data: {
        missionCode: state.code,
        appointmentId,
        role,
        ...(post === undefined ? {} : { post }),
        subjectId,
        nationality,
        appointedAt,
        ...(subjectDetails === undefined ? {} : { personal: { [subjectId]: subjectDetails } }),
      },
    },
  ];
}

/** A single-holder post is free from `from` on: every earlier holder departed by then. */
function requirePostFree(state: RegisteredMission, role: string, from: string): void {
  const overlapping = state.leadership.find(
    (a) => a.role === role && (a.departure === null || millis(a.departure.at) > millis(from)),
  );
  if (overlapping === undefined) return;
  const until = overlapping.departure === null ? 'now' : overlapping.departure.at;
  throw new RuleViolation(
    'post_already_held',
    `a mission has one ${role} at a time, and appointment ${overlapping.appointmentId} holds the post until ${until}`,
    'appointedAt',
  );
}

/**
 * Only a current appointment ends, and not before it began. `other` says what in a note. A
 * departure that records the implementation of a decision to relieve the leader names the
 * decision, and its reason is `relieved`.
 */
export function decideLeaderDeparture(
  { data }: RecordLeaderDeparture,
  state: RegisteredMission,
): [LeaderDeparted] {
  const { appointmentId, at, reason, note, decisionId } = data;
  const appointment = requireAppointment(state, appointmentId);
  if (appointment.departure !== null) {
    throw new RuleViolation(
      'leader_already_departed',
      `the appointment ended on ${appointment.departure.at} (${appointment.departure.reason})`,
      'appointmentId',
    );
  }
  requireIsoInstant(at, 'at');
  if (millis(at) < millis(appointment.appointedAt)) {
    throw new RuleViolation(
      'departed_before_appointed',
      `a leader cannot depart before the appointment began (${appointment.appointedAt})`,
      'at',
    );
  }
  requireOneOf(reason, DEPARTURE_REASONS, 'reason');
  if (note !== undefined) requireText(note, 'note');
  if (reason === 'other' && note === undefined) {
    throw new RuleViolation('note_required', 'a departure for another reason says which', 'note');
  }
  if (decisionId !== undefined) {
    requireText(decisionId, 'decisionId');
    if (reason !== 'relieved') {
      throw new RuleViolation(
        'decision_relieves',
        'a departure recorded by a decision is a relief',
        'reason',
      );
    }
  }
  return [
    {
      type: 'LeaderDeparted',
      occurredAt: at,
      data: {
        missionCode: state.code,
        appointmentId,
        at,
        reason,
        ...(note === undefined ? {} : { note }),
        ...(decisionId === undefined ? {} : { decisionId }),
      },
    },
  ];
}

export function requireAppointment(state: RegisteredMission, appointmentId: string): Appointment {
  const appointment = state.leadership.find((a) => a.appointmentId === appointmentId);
  if (appointment === undefined) {
    throw new NotFoundError(
      'appointment_not_found',
      `no appointment ${appointmentId} is recorded in mission ${state.code}`,
      'appointmentId',
    );
  }
  return appointment;
}
