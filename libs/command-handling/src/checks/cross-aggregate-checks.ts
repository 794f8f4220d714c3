import {
  COMMANDER_ROLES,
  RuleViolation,
  type Attribution,
  type IncidentCommand,
} from '@blue-ledger/domain';
import type { AggregateReader } from '../aggregate-reader';
import type { CommandContext } from '../command-context';
import type { ConsequenceRecorder } from '../consequences/consequence-recorder';
import type { LedgerCommand } from '../ledger-command';
import type { AppointmentFinder } from './appointment-finder';
import {
  requireAssigned,
  requireResponsibleForIncident,
  type IncidentAct,
  type InvestigationCoverage,
} from './investigator-assignment';
import type { RecommendationFinder } from './recommendation-finder';
import type { References } from './references';

/** What a cross-aggregate check may look at: other streams, and the read models' locators. */
export interface CheckTools {
  reader: AggregateReader;
  references: References;
  recommendations: RecommendationFinder;
  coverage: InvestigationCoverage;
  appointments: AppointmentFinder;
  consequences: ConsequenceRecorder;
}

/** What each command does to an existing incident: each needs responsibility for it. */
const INCIDENT_ACTS: Partial<Record<IncidentCommand['type'], IncidentAct>> = {
  AmendIncident: 'amend',
  LinkIncidentUnits: 'link_units',
  CloseIncident: 'close',
  ReopenIncident: 'reopen',
  AssignIncidentInvestigator: 'assign_investigator',
};

/**
 * The checks a decider cannot make because they look beyond its own stream: the mission and
 * contingents referred to exist, the incidents are open, the investigator is assigned to the
 * investigation or responsible for the incident, the recommendation answered was issued as
 * described, a leader's appointment exists and holds the role named, and what implementing a
 * decision would record on another stream is allowed there. Run before the decider, by every
 * writer (the API, the importers, the bench) alike; a failing check throws and nothing is
 * appended.
 */
export async function checkAcrossAggregates(
  target: LedgerCommand,
  context: CommandContext,
  { reader, references, recommendations, coverage, appointments, consequences }: CheckTools,
): Promise<void> {
  switch (target.aggregate) {
    case 'mission':
    case 'subject':
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
      const act = INCIDENT_ACTS[command.type];
      if (act) {
        await requireResponsibleForIncident(reader, coverage, target.id, context.actor, act);
      }
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
          for (const [index, id] of command.data.incidentIds.entries()) {
            await requireResponsibleForIncident(
              reader,
              coverage,
              id,
              context.actor,
              'open_investigation',
              `incidentIds[${index}]`,
            );
          }
          return references.incidentsOpen(command.data.incidentIds, 'incidentIds');
        case 'RecordFinding':
          return attributedExist(
            references,
            appointments,
            command.data.attributions,
            'attributions',
          );
        case 'ReviseFinding':
          return attributedExist(
            references,
            appointments,
            command.data.changes?.attributions ?? [],
            'changes.attributions',
          );
        case 'NameUnit':
          return references.contingentExists(command.data.contingentId, 'contingentId');
        case 'IssueRecommendation': {
          const { contingentId, appointmentId, role, action } = command.data;
          if (contingentId) await references.contingentExists(contingentId, 'contingentId');
          if (appointmentId) {
            const { appointment } = await appointments.find(appointmentId, 'appointmentId');
            if (role !== undefined && role !== appointment.role) {
              throw roleMismatch(appointment.role, 'role');
            }
            if (action === 'repatriate_commander' && !COMMANDER_ROLES.includes(appointment.role)) {
              throw new RuleViolation(
                'appointment_not_a_commander',
                `a ${appointment.role} commands no troops or police to be repatriated from; relieve_leader is the recommendation about them`,
                'appointmentId',
              );
            }
          }
          return;
        }
        default:
          return;
      }
    }
    case 'decision': {
      const { command } = target;
      if (command.type === 'ImplementRepatriation') {
        return consequences.check(target.id, command);
      }
      if (command.type !== 'DecideRepatriation') return;
      const { contingentId, appointmentId, missionCode, recommendation } = command.data;
      if (contingentId !== undefined) {
        await references.contingentExists(contingentId, 'contingentId');
      }
      if (appointmentId !== undefined && missionCode !== undefined) {
        await appointments.inMissionOrFail(missionCode, appointmentId, 'appointmentId');
      }
      if (recommendation) await recommendations.verify(recommendation, 'recommendationId');
      return;
    }
  }
}

/** The units attributed exist; an appointment named is a leader's who held the role named. */
async function attributedExist(
  references: References,
  appointments: AppointmentFinder,
  attributions: readonly Attribution[],
  field: string,
): Promise<void> {
  await attributedUnitsExist(references, attributions, field);
  for (const [index, attribution] of attributions.entries()) {
    if (!attribution.appointmentId) continue;
    const { appointment } = await appointments.find(
      attribution.appointmentId,
      `${field}[${index}].appointmentId`,
    );
    if (attribution.role !== undefined && attribution.role !== appointment.role) {
      throw roleMismatch(appointment.role, `${field}[${index}].role`);
    }
  }
}

const roleMismatch = (role: string, field: string) =>
  new RuleViolation(
    'appointment_role_mismatch',
    `the appointment named is to the role ${role}, not the one given`,
    field,
  );

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
