import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { incidentDecider, streamIds, type IncidentCommand } from '@blue-ledger/domain';
import {
  EVENT_STORE,
  type CommandContext,
  type CommandResult,
  type EventStore,
} from '@blue-ledger/event-store';
import { AccessScopeService } from '../access/access-scope.service';
import { requireResponsibleForIncident, type IncidentAct } from '../access/investigator-assignment';
import { CommandExecutor } from '../commands/command-executor';
import { ReferenceChecks } from '../commands/reference-checks';

export class ExecuteIncidentCommand {
  constructor(
    readonly incidentId: string,
    readonly command: IncidentCommand,
    readonly context: CommandContext,
  ) {}
}

/** What each command does to an existing incident: each needs responsibility for it. */
const ACTS: Partial<Record<IncidentCommand['type'], IncidentAct>> = {
  AmendIncident: 'amend',
  LinkIncidentUnits: 'link_units',
  CloseIncident: 'close',
  ReopenIncident: 'reopen',
  AssignIncidentInvestigator: 'assign_investigator',
};

@CommandHandler(ExecuteIncidentCommand)
export class IncidentCommandHandler implements ICommandHandler<
  ExecuteIncidentCommand,
  CommandResult
> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly references: ReferenceChecks,
    private readonly scopes: AccessScopeService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ incidentId, command, context }: ExecuteIncidentCommand): Promise<CommandResult> {
    const act = ACTS[command.type];
    if (act) {
      const scope = await this.scopes.current();
      await requireResponsibleForIncident(this.store, scope, incidentId, context.actor, act);
    }
    switch (command.type) {
      case 'ReportIncident':
        await this.references.missionExists(command.data.missionCode, 'missionCode');
        await this.references.contingentsExist(command.data.contingentIds ?? [], 'contingentIds');
        break;
      case 'LinkIncidentUnits':
        await this.references.contingentsExist(command.data.contingentIds, 'contingentIds');
        break;
    }
    return this.executor.execute(streamIds.incident(incidentId), incidentDecider, command, context);
  }
}
