import { streamIds } from '../ledger-event';
import { requireMissionCode } from '../mission/mission-code';
import {
  assertNever,
  CommandMeta,
  Decider,
  NotFoundError,
  PersonalData,
  requireReason,
  requireText,
  RuleViolation,
  SUBJECT_ROLES,
  SubjectReference,
} from '../shared';
import { applyChanges, factsThatChange, INCIDENT_FACT_FIELDS, validFacts } from './incident-facts';
import type { IncidentEvent, IncidentFacts } from './incident.events';

export const incidentStreamId = (incidentId: string): string => streamIds.incident(incidentId);

interface ReportedIncident {
  incidentId: string;
  missionCode: string;
  /** The facts as they stand after every amendment. */
  facts: IncidentFacts;
  /** Every contingent linked to the incident, each once. */
  contingentIds: readonly string[];
  /** Investigators assigned to the incident itself (IncidentInvestigatorAssigned), each once. */
  investigators: readonly string[];
}
export type OpenIncident = ReportedIncident & { status: 'open' };
export type ClosedIncident = ReportedIncident & { status: 'closed' };
type ReportedState = OpenIncident | ClosedIncident;
export type IncidentState = { status: 'unreported' } | ReportedState;

const initialIncidentState: IncidentState = { status: 'unreported' };

function evolveIncident(state: IncidentState, event: IncidentEvent): IncidentState {
  if (event.type === 'IncidentReported') {
    const { incidentId, missionCode, contingentIds } = event.data;
    const { occurredAt, location, category, summary, casualties } = event.data;
    const facts = { occurredAt, location, category, summary, casualties };
    return { status: 'open', incidentId, missionCode, facts, contingentIds, investigators: [] };
  }
  // Only a reported incident has a history; the store never holds one without it.
  if (state.status === 'unreported') return state;
  switch (event.type) {
    case 'IncidentAmended':
      return { ...state, facts: applyChanges(state.facts, event.data.changes) };
    case 'IncidentUnitsLinked':
      return { ...state, contingentIds: [...state.contingentIds, ...event.data.contingentIds] };
    case 'IncidentClosed':
      return { ...state, status: 'closed' };
    case 'IncidentReopened':
      return { ...state, status: 'open' };
    case 'IncidentInvestigatorAssigned':
      return { ...state, investigators: [...state.investigators, event.data.investigatorId] };
    default:
      return assertNever(event);
  }
}

type Command<Type extends string, Data> = { type: Type; data: Data; meta: CommandMeta };

export type ReportIncident = Command<
  'ReportIncident',
  Omit<IncidentFacts, 'casualties'> & {
    incidentId: string;
    missionCode: string;
    casualties?: IncidentFacts['casualties'];
    contingentIds?: string[];
    subjects?: SubjectReference[];
    personal?: PersonalData;
  }
>;
export type AmendIncident = Command<
  'AmendIncident',
  { changes: Partial<IncidentFacts>; reason: string }
>;
export type LinkIncidentUnits = Command<'LinkIncidentUnits', { contingentIds: string[] }>;
export type CloseIncident = Command<'CloseIncident', { reason: string }>;
export type ReopenIncident = Command<'ReopenIncident', { reason: string }>;
export type AssignIncidentInvestigator = Command<
  'AssignIncidentInvestigator',
  { investigatorId: string }
>;

export type IncidentCommand =
  | ReportIncident
  | AmendIncident
  | LinkIncidentUnits
  | CloseIncident
  | ReopenIncident
  | AssignIncidentInvestigator;

function decideIncident(command: IncidentCommand, state: IncidentState): IncidentEvent[] {
  if (command.type === 'ReportIncident') return [report(command, state)];
  requireReported(state);
  switch (command.type) {
    case 'AmendIncident':
      return [amend(command, state)];
    case 'LinkIncidentUnits':
      return [linkUnits(command, state)];
    case 'CloseIncident':
      return [close(command, state)];
    case 'ReopenIncident':
      return [reopen(command, state)];
    case 'AssignIncidentInvestigator':
      return [assignInvestigator(command, state)];
    default:
      return assertNever(command);
  }
}

function report({ data }: ReportIncident, state: IncidentState): IncidentEvent {
  if (state.status !== 'unreported') {
    throw new RuleViolation('incident_exists', `incident ${state.incidentId} is already reported`);
  }
  requireText(data.incidentId, 'incidentId');
  requireMissionCode(data.missionCode, 'missionCode');
  const facts = validFacts({ ...data, casualties: data.casualties ?? {} }) as IncidentFacts;
  const missing = INCIDENT_FACT_FIELDS.find((field) => facts[field] === undefined);
  if (missing !== undefined) {
    throw new RuleViolation('fact_required', `a report must state its ${missing}`, missing);
  }
  const subjects = validSubjects(data.subjects ?? []);
  if (data.personal !== undefined) requirePersonalOfSubjects(data.personal, subjects);
  return {
    type: 'IncidentReported',
    occurredAt: facts.occurredAt,
    data: {
      incidentId: data.incidentId,
      missionCode: data.missionCode,
      ...facts,
      contingentIds: distinct(validIds(data.contingentIds ?? [], 'contingentIds')),
      subjects,
      ...(data.personal === undefined ? {} : { personal: data.personal }),
    },
  };
}

function amend({ data }: AmendIncident, state: ReportedState): IncidentEvent {
  requireOpen(state);
  requireReason(data.reason);
  const unknown = Object.keys(data.changes ?? {}).filter(
    (field) => !(INCIDENT_FACT_FIELDS as readonly string[]).includes(field),
  );
  if (unknown.length > 0) {
    throw new RuleViolation(
      'not_amendable',
      `only the facts can be amended (${INCIDENT_FACT_FIELDS.join(', ')}), not ${unknown.join(', ')}`,
      `changes.${unknown[0]}`,
    );
  }
  const changes = factsThatChange(state.facts, validFacts(data.changes ?? {}, 'changes.'));
  if (Object.keys(changes).length === 0) {
    throw new RuleViolation(
      'nothing_to_amend',
      'the changes do not differ from the incident as it stands',
      'changes',
    );
  }
  return {
    type: 'IncidentAmended',
    data: { incidentId: state.incidentId, changes, reason: data.reason },
  };
}

function linkUnits({ data }: LinkIncidentUnits, state: ReportedState): IncidentEvent {
  requireOpen(state);
  const requested = validIds(data.contingentIds ?? [], 'contingentIds');
  if (requested.length === 0) {
    throw new RuleViolation('units_required', 'name at least one contingent', 'contingentIds');
  }
  const newlyLinked = distinct(requested).filter((id) => !state.contingentIds.includes(id));
  if (newlyLinked.length === 0) {
    throw new RuleViolation(
      'units_already_linked',
      'every contingent named is already linked to this incident',
      'contingentIds',
    );
  }
  return {
    type: 'IncidentUnitsLinked',
    data: { incidentId: state.incidentId, contingentIds: newlyLinked },
  };
}

function close({ data }: CloseIncident, state: ReportedState): IncidentEvent {
  requireOpen(state);
  requireReason(data.reason);
  return { type: 'IncidentClosed', data: { incidentId: state.incidentId, reason: data.reason } };
}

function reopen({ data }: ReopenIncident, state: ReportedState): IncidentEvent {
  if (state.status !== 'closed') {
    throw new RuleViolation('incident_not_closed', 'only a closed incident can be reopened');
  }
  requireReason(data.reason);
  return { type: 'IncidentReopened', data: { incidentId: state.incidentId, reason: data.reason } };
}

function assignInvestigator(
  { data }: AssignIncidentInvestigator,
  state: ReportedState,
): IncidentEvent {
  requireText(data.investigatorId, 'investigatorId');
  if (state.investigators.includes(data.investigatorId)) {
    throw new RuleViolation(
      'already_assigned',
      `${data.investigatorId} is already assigned to this incident`,
      'investigatorId',
    );
  }
  return {
    type: 'IncidentInvestigatorAssigned',
    data: { incidentId: state.incidentId, investigatorId: data.investigatorId },
  };
}

function requireReported(state: IncidentState): asserts state is ReportedState {
  if (state.status === 'unreported') {
    throw new NotFoundError('incident_not_found', 'no incident has been reported in this stream');
  }
}

/** A closed incident accepts no new facts until it is reopened with a reason. */
function requireOpen(state: ReportedState): asserts state is OpenIncident {
  if (state.status === 'closed') {
    throw new RuleViolation('incident_closed', 'the incident is closed; reopen it first');
  }
}

function validSubjects(subjects: readonly SubjectReference[]): SubjectReference[] {
  return subjects.map(({ subjectId, role }, index) => {
    requireText(subjectId, `subjects[${index}].subjectId`);
    if (!SUBJECT_ROLES.includes(role)) {
      throw new RuleViolation(
        'not_in_vocabulary',
        `a subject's role must be one of ${SUBJECT_ROLES.join(', ')}`,
        `subjects[${index}].role`,
      );
    }
    return { subjectId, role };
  });
}

/** Personal details may only be held for the subjects the report names. */
function requirePersonalOfSubjects(personal: PersonalData, subjects: SubjectReference[]): void {
  const named = new Set(subjects.map((subject) => subject.subjectId));
  const stray = Object.keys(personal).find((subjectId) => !named.has(subjectId));
  if (stray !== undefined) {
    throw new RuleViolation(
      'unknown_subject',
      `personal details are given for ${stray}, who is not among the subjects`,
      `personal.${stray}`,
    );
  }
}

function validIds(ids: readonly string[], field: string): string[] {
  return ids.map((id, index) => requireText(id, `${field}[${index}]`));
}

const distinct = (ids: readonly string[]): string[] => [...new Set(ids)];

export const incidentDecider: Decider<IncidentCommand, IncidentEvent, IncidentState> = {
  schemaVersions: {
    IncidentReported: 1,
    IncidentAmended: 1,
    IncidentUnitsLinked: 1,
    IncidentClosed: 1,
    IncidentReopened: 1,
    IncidentInvestigatorAssigned: 1,
  },
  initialState: initialIncidentState,
  evolve: evolveIncident,
  decide: decideIncident,
};
