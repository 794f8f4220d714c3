import { streamIds } from '../ledger-event';
import {
  assertNever,
  CommandMeta,
  Decider,
  requireCountryCode,
  requireText,
  RuleViolation,
} from '../shared';
import { requireMissionCode } from './mission-code';
import type { MissionEvent } from './mission.events';

export const missionStreamId = (code: string): string => streamIds.mission(code);

export type MissionState =
  | { status: 'unregistered' }
  | { status: 'registered'; code: string; name: string; hostCountry: string };

const initialMissionState: MissionState = { status: 'unregistered' };

function evolveMission(_state: MissionState, event: MissionEvent): MissionState {
  switch (event.type) {
    case 'MissionRegistered':
      return { status: 'registered', ...event.data };
    default:
      return assertNever(event.type);
  }
}

export type RegisterMission = {
  type: 'RegisterMission';
  data: { code: string; name: string; hostCountry: string };
  meta: CommandMeta;
};

export type MissionCommand = RegisterMission;

function decideMission(command: MissionCommand, state: MissionState): MissionEvent[] {
  switch (command.type) {
    case 'RegisterMission':
      return registerMission(command, state);
    default:
      return assertNever(command.type);
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
  schemaVersions: { MissionRegistered: 1 },
  initialState: initialMissionState,
  evolve: evolveMission,
  decide: decideMission,
};
