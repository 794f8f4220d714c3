import type { CommandMeta, DecisionState } from '@blue-ledger/domain';
import type { LedgerCommand } from '../ledger-command';

/**
 * What implementing a decision records on the stream of whom it concerns: relieving a mission
 * leader ends the appointment (LeaderDeparted, relieved, on the mission's stream); repatriating
 * a whole unit ends its deployment (ContingentWithdrawn by the united_nations, on the unit's
 * stream). Both name the decision. Repatriating a commander or individuals changes nothing in
 * the unit's own record. The implementation is the authority; the consequence follows from it.
 */
export function consequenceOf(
  decision: DecisionState,
  implementedAt: string,
  meta: CommandMeta,
): LedgerCommand | null {
  if (decision.status === 'undecided') return null;
  const { decisionId, scope, outcome } = decision;
  if (scope === 'leader' && outcome === 'relieve') {
    const { missionCode, appointmentId } = decision;
    if (missionCode === undefined || appointmentId === undefined) return null;
    return {
      aggregate: 'mission',
      id: missionCode,
      command: {
        type: 'RecordLeaderDeparture',
        data: { appointmentId, at: implementedAt, reason: 'relieved', decisionId },
        meta,
      },
    };
  }
  if (scope === 'unit' && outcome === 'repatriate') {
    const { contingentId } = decision;
    if (contingentId === undefined) return null;
    return {
      aggregate: 'contingent',
      id: contingentId,
      command: {
        type: 'WithdrawContingent',
        data: {
          at: implementedAt,
          by: 'united_nations',
          reason: `Repatriated by decision of the ${decision.authority}: ${decision.rationale}`,
          decisionId,
        },
        meta,
      },
    };
  }
  return null;
}
