import type {
  AttributionLevel,
  DomainEvent,
  EvidenceKind,
  FindingCategory,
  InvestigationKind,
  PersonalData,
  RecommendationAction,
  Severity,
  SubjectReference,
} from '../shared';

/** To whom a finding is attributed, and at which level. */
export interface Attribution {
  level: AttributionLevel;
  /** With level `unit`. */
  contingentId?: string;
  /** With level `role`, e.g. battalion_commander, force_commander, sector_commander. */
  role?: string;
  /** With level `role`, where the role is a mission leader's: the appointment of the person who held it. */
  appointmentId?: string;
  /** With level `member_state`: ISO 3166-1 alpha-3. */
  country?: string;
  /** With level `mission_component`, e.g. military, police, civilian. */
  component?: string;
}

/** A type alias, not an interface: event data must be assignable to `Record<string, unknown>`. */
export type FindingFacts = {
  statement: string;
  category: FindingCategory;
  attributions: Attribution[];
  severity: Severity;
  evidenceIds: string[];
  /** Resources and mandate to judge performance against, e.g. "54 peacekeepers guarding a camp of 20,000". */
  contextFactors: string[];
};

export type InvestigationOpened = DomainEvent<
  'InvestigationOpened',
  {
    investigationId: string;
    incidentIds: string[];
    kind: InvestigationKind;
    title: string;
    termsOfReference?: string;
    dueBy?: string;
  }
>;

/** `investigatorId` is a principal id: assignment decides who may write in the investigation. */
export type InvestigatorAssigned = DomainEvent<
  'InvestigatorAssigned',
  { investigationId: string; investigatorId: string }
>;

/**
 * The contributing country appointed its national investigation officer to a national
 * investigation: the appointment the Secretariat asks for within five working days of
 * notifying the country of an allegation of sexual exploitation and abuse against its unit.
 */
export type NationalInvestigatorAppointed = DomainEvent<
  'NationalInvestigatorAppointed',
  {
    investigationId: string;
    /** ISO 3166-1 alpha-3 of the contributing country: the national investigation is its. */
    country: string;
    appointedAt: string;
    /** The officer, by subject id only, where the country named them. */
    subjectId?: string;
    personal?: PersonalData;
  }
>;

/** A reference to an artefact and its SHA-256: the ledger keeps the fingerprint, not the file. */
export type EvidenceLogged = DomainEvent<
  'EvidenceLogged',
  {
    investigationId: string;
    evidenceId: string;
    kind: EvidenceKind;
    description: string;
    sha256: string;
    custodian: string;
    /** Witnesses or victims the evidence concerns, by subject id only. */
    subjects: SubjectReference[];
    personal?: PersonalData;
  }
>;

export type EvidenceCustodyTransferred = DomainEvent<
  'EvidenceCustodyTransferred',
  {
    investigationId: string;
    evidenceId: string;
    fromCustodian: string;
    toCustodian: string;
    transferredAt: string;
    reason: string;
  }
>;

export type FindingRecorded = DomainEvent<
  'FindingRecorded',
  FindingFacts & { investigationId: string; findingId: string }
>;

export type FindingRevised = DomainEvent<
  'FindingRevised',
  { investigationId: string; findingId: string; changes: Partial<FindingFacts>; reason: string }
>;

export type FindingWithdrawn = DomainEvent<
  'FindingWithdrawn',
  { investigationId: string; findingId: string; reason: string }
>;

/** The deliberate act of identifying a unit as having underperformed. */
export type UnitNamed = DomainEvent<
  'UnitNamed',
  {
    investigationId: string;
    namingId: string;
    contingentId: string;
    findingIds: string[];
    /** Whether the naming is made public, or kept to the Secretariat and the country. */
    public: boolean;
  }
>;

export type RecommendationIssued = DomainEvent<
  'RecommendationIssued',
  {
    investigationId: string;
    recommendationId: string;
    action: RecommendationAction;
    contingentId?: string;
    /** With a recommendation about a mission leader: the leader's appointment. */
    appointmentId?: string;
    role?: string;
    /** Individuals concerned, by subject id only. */
    subjectIds: string[];
    findingIds: string[];
    rationale: string;
  }
>;

export type InvestigationReportSubmitted = DomainEvent<
  'InvestigationReportSubmitted',
  { investigationId: string; summary: string; reportSha256?: string; submittedAt: string }
>;

export type InvestigationClosed = DomainEvent<
  'InvestigationClosed',
  { investigationId: string; summary: string }
>;

/** Not in the original event list: the rule "accepts no new facts until reopened with a reason" needs it. */
export type InvestigationReopened = DomainEvent<
  'InvestigationReopened',
  { investigationId: string; reason: string }
>;

export type InvestigationEvent =
  | InvestigationOpened
  | InvestigatorAssigned
  | NationalInvestigatorAppointed
  | EvidenceLogged
  | EvidenceCustodyTransferred
  | FindingRecorded
  | FindingRevised
  | FindingWithdrawn
  | UnitNamed
  | RecommendationIssued
  | InvestigationReportSubmitted
  | InvestigationClosed
  | InvestigationReopened;
export type InvestigationEventType = InvestigationEvent['type'];
