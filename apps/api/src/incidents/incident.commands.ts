import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { incidentDecider, streamIds, type IncidentCommand } from '@blue-ledger/domain';
import type { CommandContext, CommandResult } from '@blue-ledger/event-store';
import { CommandExecutor } from '../commands/command-executor';
import { ReferenceChecks } from '../commands/reference-checks';

export class ExecuteIncidentCommand {
  constructor(
    readonly incidentId: string,
    readonly command: IncidentCommand,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ExecuteIncidentCommand)
export class IncidentCommandHandler implements ICommandHandler<
  ExecuteIncidentCommand,
  CommandResult
> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly references: ReferenceChecks,
  ) {}

  async execute({ incidentId, command, context }: ExecuteIncidentCommand): Promise<CommandResult> {
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
