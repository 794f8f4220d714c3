import type { AccessScope } from './access-scope';

export interface Reader {
  id: string;
  roles: readonly string[];
}

/**
 * Who may read a subject's details in clear: the principal who recorded them, and the
 * investigators assigned to the case: to the investigation itself, to an investigation of the
 * incident, or to an investigation of an incident the unit was involved in. Nobody else
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
  const assignedToAnyOf = (investigations: string[]) =>
    investigations.some((investigationId) => scope.isAssigned(investigationId, reader.id));
  switch (kind) {
    case 'investigation':
      return scope.isAssigned(id, reader.id);
    case 'incident':
      return assignedToAnyOf(scope.investigationsOf(id));
    case 'contingent':
      return [...scope.incidentUnits]
        .filter(([, units]) => units.has(id))
        .some(([incidentId]) => assignedToAnyOf(scope.investigationsOf(incidentId)));
    default:
      return false;
  }
}
