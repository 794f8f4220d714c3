import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  metaOf,
  type AggregateName,
  type CommandContext,
  type CommandResult,
  type LedgerCommand,
} from '@blue-ledger/command-handling';
import { writeResponse, type WriteResponse } from '../http/write-response';
import { ExecuteLedgerCommand } from './ledger-command.handler';

/** The commands of each aggregate, by the aggregate's name. */
type CommandsOf = { [L in LedgerCommand as L['aggregate']]: L['command'] };

/** The data of one command of an aggregate, by the command's type. */
type DataOf<A extends AggregateName, T extends CommandsOf[A]['type']> = Extract<
  CommandsOf[A],
  { type: T }
>['data'];

/**
 * What the controllers write with: one command of an aggregate, its meta taken from the
 * request's context, sent on the CommandBus to the one write path, answered as every write is.
 */
@Injectable()
export class CommandSender {
  constructor(private readonly bus: CommandBus) {}

  /**
   * Sends `type` with `data` to the aggregate's stream `id`. The answer names `answerId`: the
   * stream's own id unless the command concerns a thing within it (a finding, evidence, ...).
   */
  async send<A extends AggregateName, T extends CommandsOf[A]['type']>(
    aggregate: A,
    id: string,
    type: T,
    data: DataOf<A, T>,
    context: CommandContext,
    answerId: string = id,
  ): Promise<WriteResponse> {
    // `DataOf` ties the data to its type; TypeScript cannot follow that back into the union.
    const target = {
      aggregate,
      id,
      command: { type, data, meta: metaOf(context) },
    } as LedgerCommand;
    const result: CommandResult = await this.bus.execute(new ExecuteLedgerCommand(target, context));
    return writeResponse(answerId, result);
  }
}
