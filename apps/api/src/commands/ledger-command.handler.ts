import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  CommandPath,
  type CommandContext,
  type CommandResult,
  type LedgerCommand,
} from '@blue-ledger/command-handling';

/** A command of the ledger, as a controller sends it on the CommandBus. */
export class ExecuteLedgerCommand {
  constructor(
    readonly target: LedgerCommand,
    readonly context: CommandContext,
  ) {}
}

/** The bus's one command handler: every command takes the ledger's one write path. */
@CommandHandler(ExecuteLedgerCommand)
export class LedgerCommandHandler implements ICommandHandler<ExecuteLedgerCommand, CommandResult> {
  constructor(private readonly path: CommandPath) {}

  execute({ target, context }: ExecuteLedgerCommand): Promise<CommandResult> {
    return this.path.execute(target, context);
  }
}
