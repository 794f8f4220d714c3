import type { LedgerEventType } from '@blue-ledger/domain';
import {
  OptionalChoice,
  OptionalCount,
  OptionalInstant,
  OptionalPattern,
  OptionalText,
} from '../rendering/query-fields';

/** Every event type the ledger records (the compiler checks that none is missing). */
const TYPES: Record<LedgerEventType, true> = {
  MissionRegistered: true,
  LeaderAppointed: true,
  LeaderDeparted: true,
  ContingentRegistered: true,
  ContingentRotated: true,
  ContingentReHatted: true,
  ContingentEvaluated: true,
  ContingentCommended: true,
  ContingentStrengthReported: true,
  ContingentWithdrawn: true,
  ContingentReturned: true,
  TccNotified: true,
  TccResponseRecorded: true,
  IncidentReported: true,
  IncidentAmended: true,
  IncidentUnitsLinked: true,
  IncidentClosed: true,
  IncidentReopened: true,
  IncidentInvestigatorAssigned: true,
  NationalInvestigatorAppointed: true,
  InvestigationOpened: true,
  InvestigatorAssigned: true,
  EvidenceLogged: true,
  EvidenceCustodyTransferred: true,
  FindingRecorded: true,
  FindingRevised: true,
  FindingWithdrawn: true,
  UnitNamed: true,
  RecommendationIssued: true,
  InvestigationReportSubmitted: true,
  InvestigationClosed: true,
  InvestigationReopened: true,
  RepatriationDecided: true,
  RepatriationImplemented: true,
  RepatriationReversed: true,
  RepatriationLapsed: true,
  SubjectErased: true,
};
export const EVENT_TYPES = Object.keys(TYPES) as LedgerEventType[];

/** `2016-02-17T22:00` (a datetime-local field, read as UTC) or a full ISO 8601 instant. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** The audit trail's state in the address: the API's filters, and the page reached. */
export class AuditPageQuery {
  @OptionalText(200)
  stream?: string;

  @OptionalText(200)
  actor?: string;

  @OptionalChoice(EVENT_TYPES)
  type?: LedgerEventType;

  @OptionalText(200)
  correlation?: string;

  @OptionalPattern(INSTANT, 'from must be a date and time, e.g. 2016-02-17T22:00')
  from?: string;

  @OptionalPattern(INSTANT, 'to must be a date and time, e.g. 2016-02-18T06:00')
  to?: string;

  /** The trail as the ledger knew it at this instant (a prefix of the global order). */
  @OptionalInstant()
  asOf?: string;

  @OptionalPattern(/^\d{1,15}$/, 'after must be the position a previous page ended at')
  after?: string;

  @OptionalCount(200)
  limit?: number;
}
