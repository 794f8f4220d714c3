import type { AccessScope } from './access-scope';

export interface Reader {
  id: string;
  roles: readonly string[];
}

/**
 * Who may read a subject's details in clear: the principal who recorded them, and the
 * investigators assigned to the case: to the investigation itself, to the incident or an
 * investigation of it, or to an incident the unit was involved in or an investigation of one.
 * Linking a unit to an incident shows that incident to the unit's liaison, never its details:
 * a liaison has no need-to-know. Nobody else
 * (oversight, reviewers, decision authorities, liaisons and admins included) has need-to-know.
 */
export function hasNeedToKnow(
  scope: AccessScope,
  reader: Reader,
  event: { streamId: string; actor: { id: string } },
): boolean {
  if (event.actor.id === reader.id) return true;
  if (!reader.roles.includes('investigator')) return false;
  const [kind, ...rest] = event.streamId.split('-');
  const id = rest.join('-');
  switch (kind) {
    case 'investigation':
      return scope.isAssigned(id, reader.id);
    case 'incident':
      return scope.isAssignedToIncident(id, reader.id);
    case 'contingent':
      return [...scope.incidentUnits]
        .filter(([, units]) => units.has(id))
        .some(([incidentId]) => scope.isAssignedToIncident(incidentId, reader.id));
    default:
      return false;
  }
}
