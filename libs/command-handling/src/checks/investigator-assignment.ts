import { incidentDecider, investigationDecider, streamIds } from '@blue-ledger/domain';
import type { AggregateReader } from '../aggregate-reader';

/** The actor may not write in this investigation or act on this incident (HTTP 403 `not_assigned`). */
export class NotAssignedError extends Error {
  override readonly name = 'NotAssignedError';
  readonly code = 'not_assigned';
  constructor(
    message = 'Only an investigator assigned to this investigation may write in it.',
    /** The input that names what the actor is not responsible for, where there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Which investigators are assigned to the investigations covering an incident. */
export interface InvestigationCoverage {
  investigatorsCovering(incidentId: string): Promise<readonly string[]>;
}

/**
 * An investigator writes only in the investigations it is assigned to (InvestigatorAssigned;
 * the one who opens an investigation is assigned by opening it). Read from the investigation's
 * own stream, folded: assignments are never withdrawn, so the check cannot go stale before the
 * append. Other roles the permission table lets in (an admin assigning) are not assigned.
 */
export async function requireAssigned(
  reader: AggregateReader,
  investigationId: string,
  actor: { id: string; role: string },
): Promise<void> {
  if (actor.role !== 'investigator') return;
  const { state } = await reader.load(
    streamIds.investigation(investigationId),
    investigationDecider,
  );
  if (state.status === 'not_opened') return;
  if (!state.investigators.includes(actor.id)) throw new NotAssignedError();
}

/** Who answers for an incident, folded from its own stream and the investigations that cover it. */
export interface IncidentResponsibility {
  /** The principal who reported it (the actor of IncidentReported), if it was reported. */
  reportedBy: string | undefined;
  /** Investigators assigned to the incident itself (IncidentInvestigatorAssigned). */
  assigned: readonly string[];
  /** Investigators assigned to any investigation that covers it. */
  coveringInvestigators: readonly string[];
}

/** What an investigator does to an incident that needs responsibility for it. */
export type IncidentAct =
  'amend' | 'link_units' | 'close' | 'reopen' | 'assign_investigator' | 'open_investigation';

/**
 * Whether the actor may do `act` to the incident; the reason when not. An investigator must be
 * responsible for it: its reporter, assigned to it, or assigned to an investigation that covers
 * it. Only such an investigator or an admin makes another investigator responsible. Other roles
 * are the permission table's to admit or refuse. Pure: the caller folds the states.
 */
export function incidentActRefusal(
  actor: { id: string; role: string },
  act: IncidentAct,
  incident: IncidentResponsibility,
): string | undefined {
  if (actor.role === 'admin' && act === 'assign_investigator') return undefined;
  if (actor.role !== 'investigator') return undefined;
  const responsible =
    incident.reportedBy === actor.id ||
    incident.assigned.includes(actor.id) ||
    incident.coveringInvestigators.includes(actor.id);
  if (responsible) return undefined;
  return (
    'Only an investigator responsible for this incident (who reported it, or is assigned to it ' +
    'or to an investigation that covers it) may ' +
    {
      amend: 'amend it',
      link_units: 'link units to it',
      close: 'close it',
      reopen: 'reopen it',
      assign_investigator: 'assign investigators to it',
      open_investigation: 'open an investigation into it',
    }[act] +
    '; one of them, or an admin, may assign you.'
  );
}

/**
 * The incident's responsibility as the store holds it now: its reporter (the first event's
 * actor), the investigators assigned to it (its folded state, through the command path's
 * cache) and those of the investigations covering it. Undefined when it was never reported.
 */
export async function incidentResponsibility(
  reader: AggregateReader,
  coverage: InvestigationCoverage,
  incidentId: string,
): Promise<IncidentResponsibility | undefined> {
  const streamId = streamIds.incident(incidentId);
  const { state } = await reader.load(streamId, incidentDecider);
  if (state.status === 'unreported') return undefined;
  const [reported] = await reader.firstEvents(streamId, 1);
  return {
    reportedBy: reported?.actor.id,
    assigned: state.investigators,
    coveringInvestigators: await coverage.investigatorsCovering(incidentId),
  };
}

/** Refuses (403 not_assigned) an act on an incident the actor is not responsible for. */
export async function requireResponsibleForIncident(
  reader: AggregateReader,
  coverage: InvestigationCoverage,
  incidentId: string,
  actor: { id: string; role: string },
  act: IncidentAct,
  field?: string,
): Promise<void> {
  if (actor.role !== 'investigator' && actor.role !== 'admin') return;
  const incident = await incidentResponsibility(reader, coverage, incidentId);
  // An incident never reported is the decider's or the reference checks' to refuse.
  if (!incident) return;
  const refusal = incidentActRefusal(actor, act, incident);
  if (refusal) throw new NotAssignedError(refusal, field);
}
