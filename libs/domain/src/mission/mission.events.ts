import type { DepartureReason, DomainEvent, LeaderRole, PersonalData } from '../shared';

export type MissionRegistered = DomainEvent<
  'MissionRegistered',
  {
    /** Natural code, e.g. UNMISS; the stream is `mission-<code>`. */
    code: string;
    name: string;
    /** ISO 3166-1 alpha-3. */
    hostCountry: string;
  }
>;

/** A mission leader (SRSG, force commander, ...) appointed for a period that ends with a departure. */
export type LeaderAppointed = DomainEvent<
  'LeaderAppointed',
  {
    missionCode: string;
    appointmentId: string;
    role: LeaderRole;
    /** Which one, where a mission has several: e.g. "Sector East", "Head of Office, Bambari". */
    post?: string;
    /** The person, by subject id only. */
    subjectId: string;
    /** ISO 3166-1 alpha-3: member states protect their nationals in these posts. */
    nationality: string;
    appointedAt: string;
    /** Personal details of the leader, keyed by subject id (encryptable, erasable). */
    personal?: PersonalData;
  }
>;

/** The end of an appointment: at the end of the assignment, relieved, resigned, or otherwise. */
export type LeaderDeparted = DomainEvent<
  'LeaderDeparted',
  {
    missionCode: string;
    appointmentId: string;
    at: string;
    reason: DepartureReason;
    note?: string;
    /** The decision to relieve the leader whose implementation this departure records. */
    decisionId?: string;
  }
>;

export type MissionEvent = MissionRegistered | LeaderAppointed | LeaderDeparted;
export type MissionEventType = MissionEvent['type'];
