import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { contingentDecider, streamIds, type ContingentCommand } from '@blue-ledger/domain';
import type { CommandContext, CommandResult } from '@blue-ledger/event-store';
import { CommandExecutor } from '../commands/command-executor';
import { ReferenceChecks } from '../commands/reference-checks';

export class ExecuteContingentCommand {
  constructor(
    readonly contingentId: string,
    readonly command: ContingentCommand,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ExecuteContingentCommand)
export class ContingentCommandHandler implements ICommandHandler<
  ExecuteContingentCommand,
  CommandResult
> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly references: ReferenceChecks,
  ) {}

  async execute({
    contingentId,
    command,
    context,
  }: ExecuteContingentCommand): Promise<CommandResult> {
    switch (command.type) {
      case 'RegisterContingent':
        await this.references.missionExists(command.data.missionCode, 'missionCode');
        break;
      case 'ReHatContingent':
        await this.references.missionExists(command.data.toMissionCode, 'toMissionCode');
        break;
      case 'NotifyTcc':
        await this.references.streamExists(command.data.subjectStreamId, 'subjectStreamId');
        break;
    }
    return this.executor.execute(
      streamIds.contingent(contingentId),
      contingentDecider,
      command,
      context,
    );
  }
}
