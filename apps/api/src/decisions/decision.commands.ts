import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decisionDecider, streamIds, type DecisionCommand } from '@blue-ledger/domain';
import type { CommandContext, CommandResult } from '@blue-ledger/event-store';
import { CommandExecutor } from '../commands/command-executor';
import { ReferenceChecks } from '../commands/reference-checks';

export class ExecuteDecisionCommand {
  constructor(
    readonly decisionId: string,
    readonly command: DecisionCommand,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ExecuteDecisionCommand)
export class DecisionCommandHandler implements ICommandHandler<
  ExecuteDecisionCommand,
  CommandResult
> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly references: ReferenceChecks,
  ) {}

  async execute({ decisionId, command, context }: ExecuteDecisionCommand): Promise<CommandResult> {
    if (command.type === 'DecideRepatriation') {
      await this.references.contingentExists(command.data.contingentId, 'contingentId');
    }
    return this.executor.execute(streamIds.decision(decisionId), decisionDecider, command, context);
  }
}
