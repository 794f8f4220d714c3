import {
  foldEvents,
  upcast,
  type CommandMeta,
  type Decider,
  type DomainEvent,
} from '@blue-ledger/domain';
import {
  handleCommand,
  IdSource,
  StreamStateCache,
  type Actor,
  type CommandResult,
  type EventStore,
} from '@blue-ledger/event-store';
import { randomUUID } from 'node:crypto';
import type { CommandCount } from './import-report';
import { naturalId } from './natural-ids';

/** Event ids of imports are derived from the natural key, not the clock: any fixed instant will do. */
const IMPORT_ID_EPOCH_MS = Date.UTC(2025, 0, 1);

/**
 * Runs the importers' commands through the ledger's one command path (`handleCommand`: read,
 * fold, decide, chain, append), as the API does. Each command's event ids are seeded by its
 * natural key, so a command imported before is recognised in its stream and appends nothing.
 */
export class ImportLedger {
  readonly commands: Record<string, CommandCount> = {};
  eventsAppended = 0;
  private readonly runId = randomUUID();
  private readonly streams = new StreamStateCache();

  constructor(
    private readonly store: EventStore,
    private readonly clock: () => string = () => new Date().toISOString(),
  ) {}

  /** What a command carries besides its data: the ledger's clock now, and the importer's role. */
  meta(actor: Actor): CommandMeta {
    return { now: this.clock(), actor };
  }

  async execute<
    Command extends { type: string; meta: CommandMeta },
    Event extends DomainEvent,
    State,
  >(
    streamId: string,
    decider: Decider<Command, Event, State>,
    naturalKey: string,
    command: NoInfer<Command>,
  ): Promise<CommandResult> {
    const { now, actor } = command.meta;
    const result = await handleCommand(
      this.store,
      streamId,
      decider,
      command,
      {
        actor,
        now,
        correlationId: this.runId,
        causationId: naturalId(naturalKey),
        ids: IdSource.seeded(IMPORT_ID_EPOCH_MS, naturalKey),
      },
      this.streams,
    );
    const count = (this.commands[command.type] ??= { appended: 0, alreadyRecorded: 0 });
    if (result.alreadyApplied) {
      count.alreadyRecorded += 1;
    } else {
      count.appended += 1;
      this.eventsAppended += result.events.length;
    }
    return result;
  }

  /** The aggregate as it stands, folded from its stream, as the command path would see it. */
  async load<Event extends DomainEvent, State>(
    streamId: string,
    decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  ): Promise<{ state: State }> {
    const history = await this.store.readStream(streamId);
    return { state: foldEvents(decider, history.map(upcast) as unknown as Event[]) };
  }

  async streamExists(streamId: string): Promise<boolean> {
    return (await this.store.readStream(streamId, { maxCount: 1 })).length > 0;
  }
}
