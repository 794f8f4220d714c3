import type { AccessScope } from '@blue-ledger/access';
import { investigationDecider, streamIds } from '@blue-ledger/domain';
import type { EventStore } from '@blue-ledger/event-store';
import type { AggregateReader } from '../commands/command-executor';
import { ProblemException } from '../problems/problem.exception';

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
  if (!state.investigators.includes(actor.id)) {
    throw new ProblemException(
      403,
      'not_assigned',
      'Only an investigator assigned to this investigation may write in it.',
    );
  }
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

/** The incident's responsibility as the store holds it now; undefined when it was never reported. */
export async function incidentResponsibility(
  store: EventStore,
  scope: AccessScope,
  incidentId: string,
): Promise<IncidentResponsibility | undefined> {
  const events = await store.readStream(streamIds.incident(incidentId));
  const reported = events.find((event) => event.type === 'IncidentReported');
  if (!reported) return undefined;
  const assigned = events
    .filter((event) => event.type === 'IncidentInvestigatorAssigned')
    .map((event) => (event.data as { investigatorId: string }).investigatorId);
  const coveringInvestigators = scope
    .investigationsOf(incidentId)
    .flatMap((investigationId) => [...(scope.investigators.get(investigationId) ?? [])]);
  return { reportedBy: reported.actor.id, assigned, coveringInvestigators };
}

/** Refuses (403 not_assigned) an act on an incident the actor is not responsible for. */
export async function requireResponsibleForIncident(
  store: EventStore,
  scope: AccessScope,
  incidentId: string,
  actor: { id: string; role: string },
  act: IncidentAct,
  field?: string,
): Promise<void> {
  const incident = await incidentResponsibility(store, scope, incidentId);
  // An incident never reported is the decider's or the reference checks' to refuse.
  if (!incident) return;
  const refusal = incidentActRefusal(actor, act, incident);
  if (refusal) {
    throw new ProblemException(
      403,
      'not_assigned',
      refusal,
      field ? [{ field, reason: 'not responsible for this incident' }] : [],
    );
  }
}
