import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { missionDecider, streamIds, type MissionCommand } from '@blue-ledger/domain';
import type { CommandContext, CommandResult } from '@blue-ledger/event-store';
import { CommandExecutor } from '../commands/command-executor';

export class ExecuteMissionCommand {
  constructor(
    readonly code: string,
    readonly command: MissionCommand,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ExecuteMissionCommand)
export class MissionCommandHandler implements ICommandHandler<
  ExecuteMissionCommand,
  CommandResult
> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ code, command, context }: ExecuteMissionCommand): Promise<CommandResult> {
    return this.executor.execute(streamIds.mission(code), missionDecider, command, context);
  }
}
