import { missionDecider, RuleViolation, streamIds, type Appointment } from '@blue-ledger/domain';
import type { AggregateReader } from '../aggregate-reader';

/** Where a leader's appointment lives: the read model knows its mission. */
export interface AppointmentLocator {
  missionOf(appointmentId: string): Promise<string | undefined>;
}

export interface FoundAppointment {
  missionCode: string;
  appointment: Appointment;
}

/**
 * Finds a mission leader's appointment. The read model says which mission holds it; the
 * mission's own stream, folded, is the authority on what it says.
 */
export class AppointmentFinder {
  constructor(
    private readonly locator: AppointmentLocator,
    private readonly reader: AggregateReader,
  ) {}

  /** The appointment, wherever it was made; 422 `unknown_appointment` if none. */
  async find(appointmentId: string, field: string): Promise<FoundAppointment> {
    const missionCode = await this.locator.missionOf(appointmentId);
    const found = missionCode && (await this.inMission(missionCode, appointmentId));
    if (!found) throw unknown(appointmentId, field);
    return found;
  }

  /** The appointment in the mission named; 422 `unknown_appointment` if it is not there. */
  async inMissionOrFail(
    missionCode: string,
    appointmentId: string,
    field: string,
  ): Promise<FoundAppointment> {
    const found = await this.inMission(missionCode, appointmentId);
    if (!found) throw unknown(appointmentId, field);
    return found;
  }

  private async inMission(
    missionCode: string,
    appointmentId: string,
  ): Promise<FoundAppointment | undefined> {
    const { state } = await this.reader.load(streamIds.mission(missionCode), missionDecider);
    if (state.status !== 'registered') return undefined;
    const appointment = state.leadership.find((a) => a.appointmentId === appointmentId);
    return appointment && { missionCode, appointment };
  }
}

const unknown = (appointmentId: string, field: string) =>
  new RuleViolation(
    'unknown_appointment',
    `no appointment ${appointmentId} of a mission leader is recorded`,
    field,
  );
