import type { Appointment } from '@blue-ledger/domain';
import { format } from '../../rendering/format';
import type { Choice } from './form-definition';
import type { MissionAnswer } from './ledger-lookups';

/** `Force commander, UNMISS (KEN), appointed 26 May 2016, departed 2 Nov 2016: relieved`. */
export function appointmentLabel(missionCode: string, appointment: Appointment): string {
  const post = appointment.post ? ` (${appointment.post})` : '';
  const since = `appointed ${format.date(appointment.appointedAt)}`;
  const until = appointment.departure
    ? `, departed ${format.date(appointment.departure.at)}: ${format.label(appointment.departure.reason)}`
    : '';
  return `${format.label(appointment.role)}${post}, ${missionCode} (${appointment.nationality}), ${since}${until}`;
}

/**
 * The appointments of these missions' leaders as choices, in the order each mission holds them
 * (over time). `current` keeps those not yet departed: the ones a departure can end.
 */
export function appointmentChoices(
  missions: Pick<MissionAnswer, 'code' | 'leadership'>[],
  options: { current?: boolean } = {},
): Choice[] {
  return missions.flatMap((mission) =>
    mission.leadership
      .filter((a) => !options.current || a.departure === null)
      .map((a) => ({ value: a.appointmentId, label: appointmentLabel(mission.code, a) })),
  );
}
