import { streamIds } from '../ledger-event';
import {
  assertNever,
  CommandMeta,
  Decider,
  DepartureReason,
  LeaderRole,
  NotFoundError,
  requireCountryCode,
  requireText,
  RuleViolation,
  SubjectDetails,
} from '../shared';
import { decideAppointLeader, decideLeaderDeparture } from './leadership-rules';
import { requireMissionCode } from './mission-code';
import type { MissionEvent } from './mission.events';

export const missionStreamId = (code: string): string => streamIds.mission(code);

/** One appointment of a leader, and its end once there is one. */
export interface Appointment {
  appointmentId: string;
  role: LeaderRole;
  post?: string;
  subjectId: string;
  nationality: string;
  appointedAt: string;
  departure: {
    at: string;
    reason: DepartureReason;
    note?: string;
    decisionId?: string;
  } | null;
}

export interface RegisteredMission {
  status: 'registered';
  code: string;
  name: string;
  hostCountry: string;
  /** Every appointment of a leader, in the order recorded; departed ones stay. */
  leadership: readonly Appointment[];
}

export type MissionState = { status: 'unregistered' } | RegisteredMission;

const initialMissionState: MissionState = { status: 'unregistered' };

function evolveMission(state: MissionState, event: MissionEvent): MissionState {
  if (event.type === 'MissionRegistered') {
    const { code, name, hostCountry } = event.data;
    return { status: 'registered', code, name, hostCountry, leadership: [] };
  }
  // Only a registered mission has leaders; the store never holds one without it.
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case 'LeaderAppointed': {
      const { appointmentId, role, post, subjectId, nationality, appointedAt } = event.data;
      const appointment: Appointment = {
        appointmentId,
        role,
        ...(post === undefined ? {} : { post }),
        subjectId,
        nationality,
        appointedAt,
        departure: null,
      };
      return { ...state, leadership: [...state.leadership, appointment] };
    }
    case 'LeaderDeparted': {
      const { appointmentId, at, reason, note, decisionId } = event.data;
      const departure = {
        at,
        reason,
        ...(note === undefined ? {} : { note }),
        ...(decisionId === undefined ? {} : { decisionId }),
      };
      return {
        ...state,
        leadership: state.leadership.map((appointment) =>
          appointment.appointmentId === appointmentId ? { ...appointment, departure } : appointment,
        ),
      };
    }
    default:
      return assertNever(event);
  }
}

type Command<Type extends string, Data> = { type: Type; data: Data; meta: CommandMeta };

export type RegisterMission = Command<
  'RegisterMission',
  { code: string; name: string; hostCountry: string }
>;
export type AppointLeader = Command<
  'AppointLeader',
  {
    appointmentId: string;
    role: LeaderRole;
    post?: string;
    subjectId: string;
    nationality: string;
    appointedAt: string;
    /** Personal details of the leader; recorded under `personal[subjectId]`. */
    subjectDetails?: SubjectDetails;
  }
>;
export type RecordLeaderDeparture = Command<
  'RecordLeaderDeparture',
  {
    appointmentId: string;
    at: string;
    reason: DepartureReason;
    note?: string;
    /** Set only by the implementation of a decision to relieve the leader. */
    decisionId?: string;
  }
>;

export type MissionCommand = RegisterMission | AppointLeader | RecordLeaderDeparture;

function decideMission(command: MissionCommand, state: MissionState): MissionEvent[] {
  if (command.type === 'RegisterMission') return registerMission(command, state);
  if (state.status !== 'registered') {
    throw new NotFoundError('mission_not_found', 'no mission is registered in this stream');
  }
  switch (command.type) {
    case 'AppointLeader':
      return decideAppointLeader(command, state);
    case 'RecordLeaderDeparture':
      return decideLeaderDeparture(command, state);
    default:
      return assertNever(command);
  }
}

function registerMission({ data }: RegisterMission, state: MissionState): MissionEvent[] {
  if (state.status !== 'unregistered') {
    throw new RuleViolation('mission_exists', `mission ${state.code} is already registered`);
  }
  requireMissionCode(data.code, 'code');
  requireText(data.name, 'name');
  requireCountryCode(data.hostCountry, 'hostCountry');
  return [
    {
      type: 'MissionRegistered',
      data: { code: data.code, name: data.name, hostCountry: data.hostCountry },
    },
  ];
}

export const missionDecider: Decider<MissionCommand, MissionEvent, MissionState> = {
  schemaVersions: { MissionRegistered: 1, LeaderAppointed: 1, LeaderDeparted: 1 },
  initialState: initialMissionState,
  evolve: evolveMission,
  decide: decideMission,
};
