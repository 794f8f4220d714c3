import { parseStreamId, streamIds } from '../ledger-event';
import { requireMissionCode } from '../mission/mission-code';
import {
  assertNever,
  CommandMeta,
  Decider,
  EVALUATION_RATINGS,
  EvaluationRating,
  NOTIFICATION_CHANNELS,
  NotFoundError,
  NotificationChannel,
  requireCount,
  requireCountryCode,
  requireOneOf,
  requireText,
  RuleViolation,
  SubjectDetails,
  UNIT_TYPES,
  UnitType,
  WithdrawalBy,
} from '../shared';
import { requireIsoInstant } from '../shared/time';
import type { ContingentEvent, ReportedLocation } from './contingent.events';
import {
  decideReturn,
  decideWithdrawal,
  presenceAfter,
  requireDeployedAt,
  type Presence,
} from './presence-rules';
import { withDatedChangeOf, type DatedChange, type RegisteredPresence } from './strength-over-time';

export const contingentStreamId = (contingentId: string): string =>
  streamIds.contingent(contingentId);

export interface RegisteredContingent {
  status: 'registered';
  contingentId: string;
  country: string;
  unitType: UnitType;
  designation: string;
  missionCode: string;
  sector?: string;
  /** The strength it serves at (or left with, while gone): the last one recorded. */
  strength?: number;
  deployedAt?: string;
  commanderSubjectId?: string;
  rotations: number;
  /** Deployed, or since when it is gone and why. */
  presence: Presence;
  /** Where and at what strength it was registered, and its dated facts in the order recorded: what its strength over time is made of. */
  registeredAs: RegisteredPresence;
  datedChanges: readonly DatedChange[];
  /** The data sets' reports of its strength, by report id. */
  reports: Readonly<Record<string, true>>;
  /** Notifications sent to the contributing country, by notification id. */
  notifications: Readonly<Record<string, { notifiedAt: string; subjectStreamId: string }>>;
}

export type ContingentState = { status: 'unregistered' } | RegisteredContingent;

const initialContingentState: ContingentState = { status: 'unregistered' };

function evolveContingent(state: ContingentState, event: ContingentEvent): ContingentState {
  if (event.type === 'ContingentRegistered') {
    return {
      status: 'registered',
      ...event.data,
      rotations: 0,
      presence: presenceAfter({ status: 'deployed' }, event),
      registeredAs: {
        missionCode: event.data.missionCode,
        ...(event.data.strength === undefined ? {} : { strength: event.data.strength }),
      },
      datedChanges: withDatedChangeOf([], event),
      reports: {},
      notifications: {},
    };
  }
  // Only a registered contingent has a history; the store never holds one without it.
  if (state.status !== 'registered') return state;
  const moved = {
    presence: presenceAfter(state.presence, event),
    datedChanges: withDatedChangeOf(state.datedChanges, event),
  };
  switch (event.type) {
    case 'ContingentRotated': {
      const { strength, commanderSubjectId } = event.data;
      // A rotation brings a new commander: one not named is unknown, not the previous one.
      return {
        ...state,
        ...moved,
        rotations: state.rotations + 1,
        strength: strength ?? state.strength,
        commanderSubjectId,
      };
    }
    case 'ContingentReHatted':
      return { ...state, ...moved, missionCode: event.data.toMissionCode };
    case 'ContingentWithdrawn':
      return { ...state, ...moved };
    case 'ContingentReturned':
      return { ...state, ...moved, strength: event.data.strength ?? state.strength };
    case 'ContingentStrengthReported':
      // A data set's figure for a past period: it leaves the strength the unit serves at alone.
      return { ...state, ...moved, reports: { ...state.reports, [event.data.reportId]: true } };
    case 'TccNotified': {
      const { notificationId, notifiedAt, subjectStreamId } = event.data;
      return {
        ...state,
        notifications: {
          ...state.notifications,
          [notificationId]: { notifiedAt, subjectStreamId },
        },
      };
    }
    case 'ContingentEvaluated':
    case 'ContingentCommended':
    case 'TccResponseRecorded':
      return state;
    default:
      return assertNever(event);
  }
}

type Command<Type extends string, Data> = { type: Type; data: Data; meta: CommandMeta };

export type RegisterContingent = Command<
  'RegisterContingent',
  {
    contingentId: string;
    country: string;
    unitType: UnitType;
    designation: string;
    missionCode: string;
    sector?: string;
    strength?: number;
    deployedAt?: string;
  }
>;
export type RotateContingent = Command<
  'RotateContingent',
  {
    rotationId: string;
    startedAt: string;
    strength?: number;
    commanderSubjectId?: string;
    /** Personal details of the new commander; recorded under `personal[commanderSubjectId]`. */
    commanderDetails?: SubjectDetails;
  }
>;
export type ReHatContingent = Command<
  'ReHatContingent',
  { fromOperation: string; toMissionCode: string; at: string }
>;
export type EvaluateContingent = Command<
  'EvaluateContingent',
  { evaluationId: string; evaluatedAt: string; rating: EvaluationRating; summary: string }
>;
export type CommendContingent = Command<
  'CommendContingent',
  { commendationId: string; at: string; citation: string }
>;
export type WithdrawContingent = Command<
  'WithdrawContingent',
  {
    at: string;
    by: WithdrawalBy;
    reason: string;
    /** Set only by the implementation of a decision to repatriate the unit. */
    decisionId?: string;
  }
>;
export type ReturnContingent = Command<'ReturnContingent', { at: string; strength?: number }>;
export type ReportContingentStrength = Command<
  'ReportContingentStrength',
  {
    reportId: string;
    source: string;
    from: string;
    to: string;
    strength: number | null;
    locations?: ReportedLocation[];
  }
>;
export type NotifyTcc = Command<
  'NotifyTcc',
  {
    notificationId: string;
    subjectStreamId: string;
    notifiedAt: string;
    channel: NotificationChannel;
  }
>;
export type RecordTccResponse = Command<
  'RecordTccResponse',
  { responseId: string; regarding: string; statement: string; respondedAt?: string }
>;

export type ContingentCommand =
  | RegisterContingent
  | RotateContingent
  | ReHatContingent
  | EvaluateContingent
  | CommendContingent
  | WithdrawContingent
  | ReturnContingent
  | ReportContingentStrength
  | NotifyTcc
  | RecordTccResponse;

function decideContingent(command: ContingentCommand, state: ContingentState): ContingentEvent[] {
  if (command.type === 'RegisterContingent') return [register(command, state)];
  requireRegistered(state);
  switch (command.type) {
    case 'RotateContingent':
      return [rotate(command, state)];
    case 'ReHatContingent':
      return [reHat(command, state)];
    case 'EvaluateContingent':
      return [evaluate(command, state)];
    case 'CommendContingent':
      return [commend(command, state)];
    case 'WithdrawContingent':
      return [decideWithdrawal(command, state)];
    case 'ReturnContingent':
      return [decideReturn(command, state)];
    case 'ReportContingentStrength':
      return [reportStrength(command, state)];
    case 'NotifyTcc':
      return [notifyTcc(command, state)];
    case 'RecordTccResponse':
      return [recordTccResponse(command, state)];
    default:
      return assertNever(command);
  }
}

function register({ data }: RegisterContingent, state: ContingentState): ContingentEvent {
  if (state.status !== 'unregistered') {
    throw new RuleViolation('contingent_exists', `contingent ${state.contingentId} exists`);
  }
  requireText(data.contingentId, 'contingentId');
  requireCountryCode(data.country, 'country');
  requireOneOf(data.unitType, UNIT_TYPES, 'unitType');
  requireText(data.designation, 'designation');
  requireMissionCode(data.missionCode, 'missionCode');
  if (data.sector !== undefined) requireText(data.sector, 'sector');
  if (data.strength !== undefined) requireCount(data.strength, 'strength');
  if (data.deployedAt !== undefined) requireIsoInstant(data.deployedAt, 'deployedAt');
  const { contingentId, country, unitType, designation, missionCode, sector, strength } = data;
  return {
    type: 'ContingentRegistered',
    data: {
      contingentId,
      country,
      unitType,
      designation,
      missionCode,
      ...(sector === undefined ? {} : { sector }),
      ...(strength === undefined ? {} : { strength }),
      ...(data.deployedAt === undefined ? {} : { deployedAt: data.deployedAt }),
    },
  };
}

function rotate({ data }: RotateContingent, state: RegisteredContingent): ContingentEvent {
  const { rotationId, startedAt, strength, commanderSubjectId, commanderDetails } = data;
  requireText(rotationId, 'rotationId');
  requireIsoInstant(startedAt, 'startedAt');
  requireDeployedAt(state, startedAt, 'startedAt');
  if (strength !== undefined) requireCount(strength, 'strength');
  if (commanderSubjectId !== undefined) requireText(commanderSubjectId, 'commanderSubjectId');
  if (commanderDetails !== undefined && commanderSubjectId === undefined) {
    throw new RuleViolation(
      'commander_subject_required',
      'commander details can only be recorded under a commander subject id',
      'commanderSubjectId',
    );
  }
  return {
    type: 'ContingentRotated',
    occurredAt: startedAt,
    data: {
      contingentId: state.contingentId,
      rotationId,
      startedAt,
      ...(strength === undefined ? {} : { strength }),
      ...(commanderSubjectId === undefined ? {} : { commanderSubjectId }),
      ...(commanderSubjectId === undefined || commanderDetails === undefined
        ? {}
        : { personal: { [commanderSubjectId]: commanderDetails } }),
    },
  };
}

function reHat({ data }: ReHatContingent, state: RegisteredContingent): ContingentEvent {
  requireText(data.fromOperation, 'fromOperation');
  requireMissionCode(data.toMissionCode, 'toMissionCode');
  requireIsoInstant(data.at, 'at');
  requireDeployedAt(state, data.at, 'at');
  if (data.toMissionCode === state.missionCode) {
    throw new RuleViolation(
      'already_in_mission',
      `the contingent already serves in ${state.missionCode}`,
      'toMissionCode',
    );
  }
  return {
    type: 'ContingentReHatted',
    occurredAt: data.at,
    data: {
      contingentId: state.contingentId,
      fromOperation: data.fromOperation,
      fromMissionCode: state.missionCode,
      toMissionCode: data.toMissionCode,
      at: data.at,
    },
  };
}

function evaluate({ data }: EvaluateContingent, state: RegisteredContingent): ContingentEvent {
  requireText(data.evaluationId, 'evaluationId');
  requireIsoInstant(data.evaluatedAt, 'evaluatedAt');
  requireOneOf(data.rating, EVALUATION_RATINGS, 'rating');
  requireText(data.summary, 'summary');
  const { evaluationId, evaluatedAt, rating, summary } = data;
  return {
    type: 'ContingentEvaluated',
    occurredAt: evaluatedAt,
    data: { contingentId: state.contingentId, evaluationId, evaluatedAt, rating, summary },
  };
}

function commend({ data }: CommendContingent, state: RegisteredContingent): ContingentEvent {
  requireText(data.commendationId, 'commendationId');
  requireIsoInstant(data.at, 'at');
  requireText(data.citation, 'citation');
  const { commendationId, at, citation } = data;
  return {
    type: 'ContingentCommended',
    occurredAt: at,
    data: { contingentId: state.contingentId, commendationId, at, citation },
  };
}

/** A data set's name: lower-case letters, digits and hyphens, e.g. `geo-pko`. */
const SOURCE_NAME = /^[a-z0-9][a-z0-9-]{1,39}$/;
const MAX_REPORTED_LOCATIONS = 200;

function reportStrength(
  { data }: ReportContingentStrength,
  state: RegisteredContingent,
): ContingentEvent {
  const { reportId, source, from, to, strength, locations } = data;
  requireText(reportId, 'reportId');
  if (Object.prototype.hasOwnProperty.call(state.reports, reportId)) {
    throw new RuleViolation('report_exists', `report ${reportId} is already recorded`, 'reportId');
  }
  if (typeof source !== 'string' || !SOURCE_NAME.test(source)) {
    throw new RuleViolation(
      'invalid_source',
      'source must name a data set in lower-case letters, digits and hyphens, e.g. geo-pko',
      'source',
    );
  }
  requireIsoInstant(from, 'from');
  requireIsoInstant(to, 'to');
  if (Date.parse(to) <= Date.parse(from)) {
    throw new RuleViolation(
      'empty_period',
      'a report holds for a period: to must follow from',
      'to',
    );
  }
  requireDeployedAt(state, from, 'from');
  if (strength !== null) requireCount(strength, 'strength');
  if (locations !== undefined) requireLocations(locations, strength);
  return {
    type: 'ContingentStrengthReported',
    occurredAt: from,
    data: {
      contingentId: state.contingentId,
      reportId,
      source,
      from,
      to,
      strength,
      ...(locations === undefined
        ? {}
        : { locations: locations.map((l) => ({ name: l.name, strength: l.strength })) }),
    },
  };
}

/** Each place named once, and the strength the sum of the parts the source gives (null when none). */
function requireLocations(locations: readonly ReportedLocation[], strength: number | null): void {
  if (!Array.isArray(locations) || locations.length > MAX_REPORTED_LOCATIONS) {
    throw new RuleViolation(
      'invalid_locations',
      `locations must be a list of at most ${MAX_REPORTED_LOCATIONS} places`,
      'locations',
    );
  }
  const names = new Set<string>();
  let known: number | null = null;
  locations.forEach((location, index) => {
    requireText(location?.name, `locations[${index}].name`);
    if (names.has(location.name)) {
      throw new RuleViolation(
        'duplicate_location',
        `${location.name} is named twice`,
        `locations[${index}].name`,
      );
    }
    names.add(location.name);
    if (location.strength !== null) {
      requireCount(location.strength, `locations[${index}].strength`);
      known = (known ?? 0) + location.strength;
    }
  });
  if (known !== strength) {
    throw new RuleViolation(
      'strength_not_sum_of_locations',
      'strength must be the sum of the locations’ known parts (null when none is known)',
      'strength',
    );
  }
}

function notifyTcc({ data }: NotifyTcc, state: RegisteredContingent): ContingentEvent {
  const { notificationId, subjectStreamId, notifiedAt, channel } = data;
  requireText(notificationId, 'notificationId');
  if (notificationId in state.notifications) {
    throw new RuleViolation(
      'notification_exists',
      `notification ${notificationId} is already recorded`,
      'notificationId',
    );
  }
  requireNotifiableStream(subjectStreamId);
  requireIsoInstant(notifiedAt, 'notifiedAt');
  requireOneOf(channel, NOTIFICATION_CHANNELS, 'channel');
  return {
    type: 'TccNotified',
    occurredAt: notifiedAt,
    data: {
      contingentId: state.contingentId,
      notificationId,
      country: state.country,
      subjectStreamId,
      notifiedAt,
      channel,
    },
  };
}

function recordTccResponse(
  { data, meta }: RecordTccResponse,
  state: RegisteredContingent,
): ContingentEvent {
  const { responseId, regarding, statement } = data;
  const respondedAt = data.respondedAt ?? meta.now;
  requireText(responseId, 'responseId');
  const notification = state.notifications[regarding];
  if (notification === undefined) {
    throw new RuleViolation(
      'unknown_notification',
      'a response must answer a notification recorded for this contingent',
      'regarding',
    );
  }
  requireText(statement, 'statement');
  requireIsoInstant(respondedAt, 'respondedAt');
  if (Date.parse(respondedAt) < Date.parse(notification.notifiedAt)) {
    throw new RuleViolation(
      'response_before_notification',
      `a response cannot precede the notification it answers (${notification.notifiedAt})`,
      'respondedAt',
    );
  }
  return {
    type: 'TccResponseRecorded',
    occurredAt: respondedAt,
    data: {
      contingentId: state.contingentId,
      responseId,
      country: state.country,
      regarding,
      statement,
      respondedAt,
    },
  };
}

function requireRegistered(state: ContingentState): asserts state is RegisteredContingent {
  if (state.status !== 'registered') {
    throw new NotFoundError('contingent_not_found', 'no contingent is registered in this stream');
  }
}

/** The country is told about an incident, an investigation or a decision: nothing else. */
function requireNotifiableStream(subjectStreamId: string): void {
  const stream = typeof subjectStreamId === 'string' ? parseStreamId(subjectStreamId) : null;
  const notifiable = ['incident', 'investigation', 'decision'];
  if (stream === null || !notifiable.includes(stream.category) || stream.id.trim() === '') {
    throw new RuleViolation(
      'invalid_subject_stream',
      'subjectStreamId must name an incident, investigation or decision stream',
      'subjectStreamId',
    );
  }
}

export const contingentDecider: Decider<ContingentCommand, ContingentEvent, ContingentState> = {
  schemaVersions: {
    ContingentRegistered: 1,
    ContingentRotated: 1,
    ContingentReHatted: 1,
    ContingentEvaluated: 1,
    ContingentCommended: 1,
    ContingentWithdrawn: 1,
    ContingentReturned: 1,
    ContingentStrengthReported: 1,
    TccNotified: 1,
    TccResponseRecorded: 1,
  },
  initialState: initialContingentState,
  evolve: evolveContingent,
  decide: decideContingent,
};
