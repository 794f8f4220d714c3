import {
  contingentDecider,
  decisionDecider,
  incidentDecider,
  investigationDecider,
  missionDecider,
  streamIds,
  subjectDecider,
  type ContingentCommand,
  type DecisionCommand,
  type Decider,
  type DomainEvent,
  type IncidentCommand,
  type InvestigationCommand,
  type MissionCommand,
  type SubjectCommand,
} from '@blue-ledger/domain';

/** A command for one aggregate of the ledger, addressed by the aggregate's id (a mission's code). */
export type LedgerCommand =
  | { aggregate: 'mission'; id: string; command: MissionCommand }
  | { aggregate: 'contingent'; id: string; command: ContingentCommand }
  | { aggregate: 'incident'; id: string; command: IncidentCommand }
  | { aggregate: 'investigation'; id: string; command: InvestigationCommand }
  | { aggregate: 'decision'; id: string; command: DecisionCommand }
  | { aggregate: 'subject'; id: string; command: SubjectCommand };

export type AggregateName = LedgerCommand['aggregate'];

interface Aggregate {
  streamId(id: string): string;
  /**
   * Commands, events and states differ per aggregate; `LedgerCommand` pairs each command with
   * its aggregate, so the decider here is only ever given its own commands.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  decider: Decider<any, DomainEvent<string, any>, any>;
}

/** Each aggregate's stream and decider. */
export const AGGREGATES: Record<AggregateName, Aggregate> = {
  mission: { streamId: streamIds.mission, decider: missionDecider },
  contingent: { streamId: streamIds.contingent, decider: contingentDecider },
  incident: { streamId: streamIds.incident, decider: incidentDecider },
  investigation: { streamId: streamIds.investigation, decider: investigationDecider },
  decision: { streamId: streamIds.decision, decider: decisionDecider },
  subject: { streamId: streamIds.subject, decider: subjectDecider },
};

export const streamIdOf = (command: LedgerCommand): string =>
  AGGREGATES[command.aggregate].streamId(command.id);
