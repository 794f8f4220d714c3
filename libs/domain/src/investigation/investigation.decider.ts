import { streamIds } from '../ledger-event';
import {
  assertNever,
  CommandMeta,
  Decider,
  EvidenceKind,
  InvestigationKind,
  NotFoundError,
  PersonalData,
  RecommendationAction,
  RuleViolation,
  SubjectDetails,
  SubjectReference,
} from '../shared';
import type {
  FindingFacts,
  InvestigationEvent,
  InvestigationEventType,
} from './investigation.events';
import { decideLogEvidence, decideTransferEvidenceCustody } from './evidence-rules';
import { decideRecordFinding, decideReviseFinding, decideWithdrawFinding } from './finding-rules';
import {
  decideAssignInvestigator,
  decideCloseInvestigation,
  decideOpenInvestigation,
  decideReopenInvestigation,
  decideSubmitReport,
} from './investigation-lifecycle';
import { decideAppointNationalInvestigator } from './national-investigator-rules';
import { decideNameUnit } from './naming-rules';
import { decideIssueRecommendation } from './recommendation-rules';

export const investigationStreamId = (investigationId: string): string =>
  streamIds.investigation(investigationId);

export interface InvestigationEvidence {
  evidenceId: string;
  kind: EvidenceKind;
  sha256: string;
  custodian: string;
}

/** A finding as it stands after every revision; a withdrawn finding stays, marked. */
export interface InvestigationFinding extends FindingFacts {
  findingId: string;
  withdrawn: boolean;
}

export interface InvestigationNaming {
  namingId: string;
  contingentId: string;
  findingIds: string[];
  public: boolean;
}

export interface InvestigationRecommendation {
  recommendationId: string;
  action: RecommendationAction;
  contingentId?: string;
  appointmentId?: string;
  role?: string;
  subjectIds: string[];
  findingIds: string[];
}

/** A national investigation officer, as the contributing country appointed them. */
export interface NationalInvestigator {
  country: string;
  appointedAt: string;
  subjectId?: string;
}

export interface InvestigationRecord {
  investigationId: string;
  incidentIds: string[];
  kind: InvestigationKind;
  title: string;
  investigators: readonly string[];
  /** With a national investigation: its officers, the first of whom fixes its country. */
  nationalInvestigators: readonly NationalInvestigator[];
  evidence: ReadonlyMap<string, InvestigationEvidence>;
  findings: ReadonlyMap<string, InvestigationFinding>;
  namings: ReadonlyMap<string, InvestigationNaming>;
  recommendations: ReadonlyMap<string, InvestigationRecommendation>;
  reports: readonly { submittedAt: string; reportSha256?: string }[];
}

export type OpenInvestigationState = { status: 'open' } & InvestigationRecord;
export type ClosedInvestigationState = { status: 'closed' } & InvestigationRecord;
export type InvestigationState =
  { status: 'not_opened' } | OpenInvestigationState | ClosedInvestigationState;

const initialState: InvestigationState = { status: 'not_opened' };

function evolve(state: InvestigationState, event: InvestigationEvent): InvestigationState {
  if (event.type === 'InvestigationOpened') {
    const { investigationId, incidentIds, kind, title } = event.data;
    return {
      status: 'open',
      investigationId,
      incidentIds,
      kind,
      title,
      investigators: [],
      nationalInvestigators: [],
      evidence: new Map(),
      findings: new Map(),
      namings: new Map(),
      recommendations: new Map(),
      reports: [],
    };
  }
  if (state.status === 'not_opened') return state;
  switch (event.type) {
    case 'InvestigatorAssigned':
      return { ...state, investigators: [...state.investigators, event.data.investigatorId] };
    case 'NationalInvestigatorAppointed': {
      const { country, appointedAt, subjectId } = event.data;
      const officer = { country, appointedAt, ...(subjectId === undefined ? {} : { subjectId }) };
      return { ...state, nationalInvestigators: [...state.nationalInvestigators, officer] };
    }
    case 'EvidenceLogged': {
      const { evidenceId, kind, sha256, custodian } = event.data;
      return {
        ...state,
        evidence: put(state.evidence, evidenceId, { evidenceId, kind, sha256, custodian }),
      };
    }
    case 'EvidenceCustodyTransferred':
      return {
        ...state,
        evidence: change(state.evidence, event.data.evidenceId, (evidence) => ({
          ...evidence,
          custodian: event.data.toCustodian,
        })),
      };
    case 'FindingRecorded': {
      const { investigationId: _investigationId, ...finding } = event.data;
      return {
        ...state,
        findings: put(state.findings, finding.findingId, { ...finding, withdrawn: false }),
      };
    }
    case 'FindingRevised':
      return {
        ...state,
        findings: change(state.findings, event.data.findingId, (finding) => ({
          ...finding,
          ...event.data.changes,
        })),
      };
    case 'FindingWithdrawn':
      return {
        ...state,
        findings: change(state.findings, event.data.findingId, (finding) => ({
          ...finding,
          withdrawn: true,
        })),
      };
    case 'UnitNamed': {
      const { namingId, contingentId, findingIds } = event.data;
      const naming = { namingId, contingentId, findingIds, public: event.data.public };
      return { ...state, namings: put(state.namings, namingId, naming) };
    }
    case 'RecommendationIssued': {
      const {
        investigationId: _investigationId,
        rationale: _rationale,
        ...recommendation
      } = event.data;
      return {
        ...state,
        recommendations: put(
          state.recommendations,
          recommendation.recommendationId,
          recommendation,
        ),
      };
    }
    case 'InvestigationReportSubmitted': {
      const { submittedAt, reportSha256 } = event.data;
      const report = reportSha256 === undefined ? { submittedAt } : { submittedAt, reportSha256 };
      return { ...state, reports: [...state.reports, report] };
    }
    case 'InvestigationClosed':
      return { ...state, status: 'closed' };
    case 'InvestigationReopened':
      return { ...state, status: 'open' };
    default:
      return assertNever(event);
  }
}

type Command<Type extends string, Data> = { type: Type; data: Data; meta: CommandMeta };

export type OpenInvestigation = Command<
  'OpenInvestigation',
  {
    investigationId: string;
    incidentIds: string[];
    kind: InvestigationKind;
    title: string;
    termsOfReference?: string;
    dueBy?: string;
  }
>;
export type AssignInvestigator = Command<'AssignInvestigator', { investigatorId: string }>;
export type AppointNationalInvestigator = Command<
  'AppointNationalInvestigator',
  {
    country: string;
    appointedAt: string;
    subjectId?: string;
    /** Personal details of the officer; recorded under `personal[subjectId]`. */
    subjectDetails?: SubjectDetails;
  }
>;
export type LogEvidence = Command<
  'LogEvidence',
  {
    evidenceId: string;
    kind: EvidenceKind;
    description: string;
    sha256: string;
    custodian: string;
    subjects?: SubjectReference[];
    personal?: PersonalData;
  }
>;
export type TransferEvidenceCustody = Command<
  'TransferEvidenceCustody',
  { evidenceId: string; toCustodian: string; transferredAt: string; reason: string }
>;
export type RecordFinding = Command<
  'RecordFinding',
  Omit<FindingFacts, 'evidenceIds' | 'contextFactors'> & {
    findingId: string;
    evidenceIds?: string[];
    contextFactors?: string[];
  }
>;
export type ReviseFinding = Command<
  'ReviseFinding',
  { findingId: string; changes: Partial<FindingFacts>; reason: string }
>;
export type WithdrawFinding = Command<'WithdrawFinding', { findingId: string; reason: string }>;
export type NameUnit = Command<
  'NameUnit',
  { namingId: string; contingentId: string; findingIds: string[]; public: boolean }
>;
export type IssueRecommendation = Command<
  'IssueRecommendation',
  {
    recommendationId: string;
    action: RecommendationAction;
    contingentId?: string;
    appointmentId?: string;
    role?: string;
    subjectIds?: string[];
    findingIds: string[];
    rationale: string;
  }
>;
export type SubmitReport = Command<
  'SubmitReport',
  { summary: string; reportSha256?: string; submittedAt: string }
>;
export type CloseInvestigation = Command<'CloseInvestigation', { summary: string }>;
export type ReopenInvestigation = Command<'ReopenInvestigation', { reason: string }>;

export type InvestigationCommand =
  | OpenInvestigation
  | AssignInvestigator
  | AppointNationalInvestigator
  | LogEvidence
  | TransferEvidenceCustody
  | RecordFinding
  | ReviseFinding
  | WithdrawFinding
  | NameUnit
  | IssueRecommendation
  | SubmitReport
  | CloseInvestigation
  | ReopenInvestigation;

function decide(command: InvestigationCommand, state: InvestigationState): InvestigationEvent[] {
  if (command.type === 'OpenInvestigation') return decideOpenInvestigation(command, state);
  if (state.status === 'not_opened') {
    throw new NotFoundError('investigation_not_found', 'there is no such investigation');
  }
  if (command.type === 'ReopenInvestigation') return decideReopenInvestigation(command, state);
  if (state.status === 'closed') {
    throw new RuleViolation(
      'investigation_closed',
      'a closed investigation accepts no new facts until it is reopened',
    );
  }
  switch (command.type) {
    case 'AssignInvestigator':
      return decideAssignInvestigator(command, state);
    case 'AppointNationalInvestigator':
      return decideAppointNationalInvestigator(command, state);
    case 'LogEvidence':
      return decideLogEvidence(command, state);
    case 'TransferEvidenceCustody':
      return decideTransferEvidenceCustody(command, state);
    case 'RecordFinding':
      return decideRecordFinding(command, state);
    case 'ReviseFinding':
      return decideReviseFinding(command, state);
    case 'WithdrawFinding':
      return decideWithdrawFinding(command, state);
    case 'NameUnit':
      return decideNameUnit(command, state);
    case 'IssueRecommendation':
      return decideIssueRecommendation(command, state);
    case 'SubmitReport':
      return decideSubmitReport(command, state);
    case 'CloseInvestigation':
      return decideCloseInvestigation(command, state);
    default:
      return assertNever(command);
  }
}

const schemaVersions: Record<InvestigationEventType, number> = {
  InvestigationOpened: 1,
  InvestigatorAssigned: 1,
  NationalInvestigatorAppointed: 1,
  EvidenceLogged: 1,
  EvidenceCustodyTransferred: 1,
  FindingRecorded: 1,
  FindingRevised: 1,
  FindingWithdrawn: 1,
  UnitNamed: 1,
  RecommendationIssued: 1,
  InvestigationReportSubmitted: 1,
  InvestigationClosed: 1,
  InvestigationReopened: 1,
};

export const investigationDecider: Decider<
  InvestigationCommand,
  InvestigationEvent,
  InvestigationState
> = { schemaVersions, initialState, evolve, decide };

function put<T>(map: ReadonlyMap<string, T>, key: string, entry: T): ReadonlyMap<string, T> {
  return new Map(map).set(key, entry);
}

function change<T>(
  map: ReadonlyMap<string, T>,
  key: string,
  update: (entry: T) => T,
): ReadonlyMap<string, T> {
  const entry = map.get(key);
  return entry === undefined ? map : new Map(map).set(key, update(entry));
}
