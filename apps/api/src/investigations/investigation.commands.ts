import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  investigationDecider,
  streamIds,
  type Attribution,
  type InvestigationCommand,
} from '@blue-ledger/domain';
import {
  EVENT_STORE,
  type CommandContext,
  type CommandResult,
  type EventStore,
} from '@blue-ledger/event-store';
import { AccessScopeService } from '../access/access-scope.service';
import { requireAssigned, requireResponsibleForIncident } from '../access/investigator-assignment';
import { AggregateReader, CommandExecutor } from '../commands/command-executor';
import { ReferenceChecks } from '../commands/reference-checks';

export class ExecuteInvestigationCommand {
  constructor(
    readonly investigationId: string,
    readonly command: InvestigationCommand,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ExecuteInvestigationCommand)
export class InvestigationCommandHandler implements ICommandHandler<
  ExecuteInvestigationCommand,
  CommandResult
> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly references: ReferenceChecks,
    private readonly reader: AggregateReader,
    private readonly scopes: AccessScopeService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({
    investigationId,
    command,
    context,
  }: ExecuteInvestigationCommand): Promise<CommandResult> {
    if (command.type !== 'OpenInvestigation') {
      await requireAssigned(this.reader, investigationId, context.actor);
    }
    switch (command.type) {
      case 'OpenInvestigation': {
        const scope = await this.scopes.current();
        for (const [index, id] of command.data.incidentIds.entries()) {
          await requireResponsibleForIncident(
            this.store,
            scope,
            id,
            context.actor,
            'open_investigation',
            `incidentIds[${index}]`,
          );
        }
        await this.references.incidentsOpen(command.data.incidentIds, 'incidentIds');
        break;
      }
      case 'RecordFinding':
        await this.attributedUnitsExist(command.data.attributions, 'attributions');
        break;
      case 'ReviseFinding':
        await this.attributedUnitsExist(
          command.data.changes.attributions ?? [],
          'changes.attributions',
        );
        break;
      case 'NameUnit':
        await this.references.contingentExists(command.data.contingentId, 'contingentId');
        break;
      case 'IssueRecommendation':
        if (command.data.contingentId) {
          await this.references.contingentExists(command.data.contingentId, 'contingentId');
        }
        break;
    }
    return this.executor.execute(
      streamIds.investigation(investigationId),
      investigationDecider,
      command,
      context,
    );
  }

  private async attributedUnitsExist(
    attributions: readonly Attribution[],
    field: string,
  ): Promise<void> {
    for (const [index, attribution] of attributions.entries()) {
      if (attribution.contingentId) {
        await this.references.contingentExists(
          attribution.contingentId,
          `${field}[${index}].contingentId`,
        );
      }
    }
  }
}
