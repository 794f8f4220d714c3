import type { Attribution } from '@blue-ledger/domain';
import type { AggregateReader } from '../aggregate-reader';
import type { CommandContext } from '../command-context';
import type { LedgerCommand } from '../ledger-command';
import { requireAssigned } from './investigator-assignment';
import type { RecommendationFinder } from './recommendation-finder';
import type { References } from './references';

/** What a cross-aggregate check may look at: other streams, and the read model's locator. */
export interface CheckTools {
  reader: AggregateReader;
  references: References;
  recommendations: RecommendationFinder;
}

/**
 * The checks a decider cannot make because they look beyond its own stream: the mission and
 * contingents referred to exist, the incidents are open, the investigator is assigned, the
 * recommendation answered was issued as described. Run before the decider, by every writer
 * (the API, the importers, the bench) alike; a failing check throws and nothing is appended.
 */
export async function checkAcrossAggregates(
  target: LedgerCommand,
  context: CommandContext,
  { reader, references, recommendations }: CheckTools,
): Promise<void> {
  switch (target.aggregate) {
    case 'mission':
      return;
    case 'contingent': {
      const { command } = target;
      if (command.type === 'RegisterContingent') {
        await references.missionExists(command.data.missionCode, 'missionCode');
      } else if (command.type === 'ReHatContingent') {
        await references.missionExists(command.data.toMissionCode, 'toMissionCode');
      } else if (command.type === 'NotifyTcc') {
        await references.streamExists(command.data.subjectStreamId, 'subjectStreamId');
      }
      return;
    }
    case 'incident': {
      const { command } = target;
      if (command.type === 'ReportIncident') {
        await references.missionExists(command.data.missionCode, 'missionCode');
        await references.contingentsExist(command.data.contingentIds ?? [], 'contingentIds');
      } else if (command.type === 'LinkIncidentUnits') {
        await references.contingentsExist(command.data.contingentIds, 'contingentIds');
      }
      return;
    }
    case 'investigation': {
      const { command } = target;
      if (command.type !== 'OpenInvestigation') {
        await requireAssigned(reader, target.id, context.actor);
      }
      switch (command.type) {
        case 'OpenInvestigation':
          return references.incidentsOpen(command.data.incidentIds, 'incidentIds');
        case 'RecordFinding':
          return attributedUnitsExist(references, command.data.attributions, 'attributions');
        case 'ReviseFinding':
          return attributedUnitsExist(
            references,
            command.data.changes.attributions ?? [],
            'changes.attributions',
          );
        case 'NameUnit':
          return references.contingentExists(command.data.contingentId, 'contingentId');
        case 'IssueRecommendation':
          if (command.data.contingentId) {
            await references.contingentExists(command.data.contingentId, 'contingentId');
          }
          return;
        default:
          return;
      }
    }
    case 'decision': {
      const { command } = target;
      if (command.type !== 'DecideRepatriation') return;
      await references.contingentExists(command.data.contingentId, 'contingentId');
      if (command.data.recommendation) {
        await recommendations.verify(command.data.recommendation, 'recommendationId');
      }
      return;
    }
  }
}

async function attributedUnitsExist(
  references: References,
  attributions: readonly Attribution[],
  field: string,
): Promise<void> {
  for (const [index, attribution] of attributions.entries()) {
    if (attribution.contingentId) {
      await references.contingentExists(
        attribution.contingentId,
        `${field}[${index}].contingentId`,
      );
    }
  }
}
