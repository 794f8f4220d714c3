import { RuleViolation } from '../shared';
import type { NameUnit, OpenInvestigationState } from './investigation.decider';
import type { UnitNamed } from './investigation.events';
import { isAttributedToUnit } from './attribution';
import { requireCitableFindings } from './finding-rules';
import { requireText } from '../shared';

/**
 * A unit is named only on the basis of at least one live finding attributed to it. Naming the
 * same unit again in the same investigation must rest on at least one finding not already
 * cited for it; otherwise it only repeats the earlier naming.
 */
export function decideNameUnit({ data }: NameUnit, state: OpenInvestigationState): [UnitNamed] {
  const { namingId, contingentId, findingIds } = data;
  requireText(namingId, 'namingId');
  if (state.namings.has(namingId)) {
    throw new RuleViolation(
      'naming_already_recorded',
      'a naming with this id is already recorded',
      'namingId',
    );
  }
  requireText(contingentId, 'contingentId');
  const cited = requireCitableFindings(state, findingIds);
  if (!cited.some((finding) => isAttributedToUnit(finding, contingentId))) {
    throw new RuleViolation(
      'no_finding_attributed_to_unit',
      'a unit can only be named on a finding attributed to it at unit level',
      'findingIds',
    );
  }
  const alreadyCited = new Set(
    [...state.namings.values()]
      .filter((naming) => naming.contingentId === contingentId)
      .flatMap((naming) => naming.findingIds),
  );
  if (findingIds.every((findingId) => alreadyCited.has(findingId))) {
    throw new RuleViolation(
      'unit_already_named',
      'this unit is already named in this investigation on these findings',
      'findingIds',
    );
  }
  return [
    {
      type: 'UnitNamed',
      data: {
        investigationId: state.investigationId,
        namingId,
        contingentId,
        findingIds,
        public: data.public,
      },
    },
  ];
}
