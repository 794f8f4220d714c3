import type { RecordedEvent } from '@blue-ledger/event-store';
import { ledgerEventOf } from './ledger-event-of';
import { oneLine } from './one-line';

const list = (values: string[]): string => values.join(', ');
const fields = (changes: object): string =>
  list(Object.keys(changes).filter((k) => (changes as Record<string, unknown>)[k] !== undefined));

/** A one-line account of the event for a human reader, e.g. on an incident's timeline. */
export function summarizeEvent(event: RecordedEvent): string {
  const e = ledgerEventOf(event);
  switch (e.type) {
    case 'MissionRegistered':
      return `Mission registered: ${e.data.code} (${oneLine(e.data.name)}, ${e.data.hostCountry})`;
    case 'LeaderAppointed':
      return `Leader appointed in ${e.data.missionCode}: ${e.data.role}${e.data.post ? ` (${oneLine(e.data.post)})` : ''}, ${e.data.nationality}, from ${e.data.appointedAt}`;
    case 'LeaderDeparted':
      return `Leader departed from ${e.data.missionCode} (${e.data.reason}) on ${e.data.at}${e.data.decisionId ? `, by decision ${e.data.decisionId}` : ''}${e.data.note ? `: ${oneLine(e.data.note)}` : ''}`;
    case 'ContingentRegistered':
      return `Contingent registered: ${oneLine(e.data.designation)} (${e.data.country} ${e.data.unitType}) in ${e.data.missionCode}`;
    case 'ContingentRotated':
      return `Contingent rotated: rotation ${e.data.rotationId} from ${e.data.startedAt}`;
    case 'ContingentReHatted':
      return `Contingent re-hatted from ${e.data.fromOperation} (${e.data.fromMissionCode}) to ${e.data.toMissionCode}`;
    case 'ContingentWithdrawn':
      return `Contingent ${e.data.decisionId ? 'repatriated' : 'withdrawn'} by ${e.data.by} on ${e.data.at}: ${oneLine(e.data.reason)}`;
    case 'ContingentReturned':
      return `Contingent returned on ${e.data.at}${e.data.strength === undefined ? '' : ` at a strength of ${e.data.strength}`}`;
    case 'ContingentStrengthReported':
      return `Strength reported by ${e.data.source} for ${e.data.from} to ${e.data.to}: ${e.data.strength ?? 'size unknown'}`;
    case 'ContingentEvaluated':
      return `Contingent evaluated (${e.data.rating}): ${oneLine(e.data.summary)}`;
    case 'ContingentCommended':
      return `Contingent commended: ${oneLine(e.data.citation)}`;
    case 'TccNotified':
      return `${e.data.country} notified (${e.data.channel}) about ${e.data.subjectStreamId}`;
    case 'TccResponseRecorded':
      return `${e.data.country} replied: ${oneLine(e.data.statement)}`;
    case 'IncidentReported':
      return `Incident reported (${e.data.category}) at ${oneLine(e.data.location.name)}: ${oneLine(e.data.summary)}`;
    case 'IncidentAmended':
      return `Incident amended (${fields(e.data.changes)}): ${oneLine(e.data.reason)}`;
    case 'IncidentUnitsLinked':
      return `Units linked to the incident: ${list(e.data.contingentIds)}`;
    case 'IncidentClosed':
      return `Incident closed: ${oneLine(e.data.reason)}`;
    case 'IncidentReopened':
      return `Incident reopened: ${oneLine(e.data.reason)}`;
    case 'IncidentInvestigatorAssigned':
      return `Investigator assigned to the incident: ${e.data.investigatorId}`;
    case 'InvestigationOpened':
      return `Investigation opened (${e.data.kind}): ${oneLine(e.data.title)}`;
    case 'InvestigatorAssigned':
      return `Investigator assigned: ${e.data.investigatorId}`;
    case 'NationalInvestigatorAppointed':
      return `National investigation officer appointed by ${e.data.country} on ${e.data.appointedAt}`;
    case 'EvidenceLogged':
      return `Evidence logged (${e.data.kind}): ${oneLine(e.data.description)}`;
    case 'EvidenceCustodyTransferred':
      return `Evidence custody transferred from ${oneLine(e.data.fromCustodian)} to ${oneLine(e.data.toCustodian)}: ${oneLine(e.data.reason)}`;
    case 'FindingRecorded':
      return `Finding recorded (${e.data.category}, ${e.data.severity}): ${oneLine(e.data.statement)}`;
    case 'FindingRevised':
      return `Finding revised (${fields(e.data.changes)}): ${oneLine(e.data.reason)}`;
    case 'FindingWithdrawn':
      return `Finding withdrawn: ${oneLine(e.data.reason)}`;
    case 'UnitNamed':
      return `Unit named${e.data.public ? ' publicly' : ''}: ${e.data.contingentId}, on findings ${list(e.data.findingIds)}`;
    case 'RecommendationIssued':
      return `Recommendation issued (${e.data.action}): ${oneLine(e.data.rationale)}`;
    case 'InvestigationReportSubmitted':
      return `Investigation report submitted: ${oneLine(e.data.summary)}`;
    case 'InvestigationClosed':
      return `Investigation closed: ${oneLine(e.data.summary)}`;
    case 'InvestigationReopened':
      return `Investigation reopened: ${oneLine(e.data.reason)}`;
    case 'RepatriationDecided':
      return `${e.data.scope === 'leader' ? 'Decision on a mission leader' : 'Repatriation decided'} (${e.data.scope}: ${e.data.outcome}) by ${oneLine(e.data.authority)}: ${oneLine(e.data.rationale)}`;
    case 'RepatriationImplemented':
      return `Repatriation implemented on ${e.data.implementedAt}${e.data.note ? `: ${oneLine(e.data.note)}` : ''}`;
    case 'RepatriationReversed':
      return `Repatriation reversed: ${oneLine(e.data.reason)}`;
    case 'RepatriationLapsed':
      return `Repatriation lapsed: ${oneLine(e.data.reason)}`;
    case 'SubjectErased':
      return `Subject erased: ${e.data.subjectId} (${oneLine(e.data.reason)})`;
    default:
      return event.type;
  }
}
