import {
  IdSource,
  type CommandPath,
  type CommandResult,
  type LedgerCommand,
} from '@blue-ledger/command-handling';
import type { CommandMeta, Decider, DomainEvent } from '@blue-ledger/domain';
import type { Actor } from '@blue-ledger/event-store';
import { randomUUID } from 'node:crypto';
import type { CommandCount } from './import-report';
import { naturalId } from './natural-ids';

/** Event ids of imports are derived from the natural key, not the clock: any fixed instant will do. */
const IMPORT_ID_EPOCH_MS = Date.UTC(2025, 0, 1);

/**
 * Runs the importers' commands through the ledger's one write path, exactly as the API does:
 * checked across aggregates, decided, sealed, chained, appended. Each command's event ids are
 * seeded by its natural key, so a command imported before is recognised in its stream and
 * appends nothing.
 */
export class ImportLedger {
  readonly commands: Record<string, CommandCount> = {};
  eventsAppended = 0;
  private readonly runId = randomUUID();

  constructor(
    private readonly path: CommandPath,
    private readonly clock: () => string = () => new Date().toISOString(),
  ) {}

  /** What a command carries besides its data: the ledger's clock now, and the importer's role. */
  meta(actor: Actor): CommandMeta {
    return { now: this.clock(), actor };
  }

  async execute(target: LedgerCommand, naturalKey: string): Promise<CommandResult> {
    const { now, actor } = target.command.meta;
    const result = await this.path.execute(target, {
      actor,
      now,
      correlationId: this.runId,
      causationId: naturalId(naturalKey),
      ids: IdSource.seeded(IMPORT_ID_EPOCH_MS, naturalKey),
    });
    const count = (this.commands[target.command.type] ??= { appended: 0, alreadyRecorded: 0 });
    if (result.alreadyApplied) {
      count.alreadyRecorded += 1;
    } else {
      count.appended += 1;
      this.eventsAppended += result.events.length;
    }
    return result;
  }

  /** The aggregate as it stands, folded from its stream, as the command path sees it. */
  load<Event extends DomainEvent, State>(
    streamId: string,
    decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  ): Promise<{ state: State }> {
    return this.path.reader.load(streamId, decider);
  }

  streamExists(streamId: string): Promise<boolean> {
    return this.path.reader.exists(streamId);
  }
}
