import { Inject, Injectable } from '@nestjs/common';
import {
  InvalidSubjectIdError,
  sealPersonalData,
  SubjectErasedError,
  type SubjectKeyStore,
} from '@blue-ledger/access';
import {
  foldEvents,
  RuleViolation,
  upcast,
  type CommandMeta,
  type Decider,
  type DomainEvent,
} from '@blue-ledger/domain';
import {
  EVENT_STORE,
  handleCommand,
  StreamStateCache,
  type CommandContext,
  type CommandResult,
  type EventStore,
} from '@blue-ledger/event-store';
import { SUBJECT_KEYS } from '../access/subject-keys.token';
import { ProjectionSync } from '../infrastructure/projection-sync';

export function metaOf(context: CommandContext): CommandMeta {
  return { now: context.now, actor: context.actor };
}

/**
 * Runs a domain command through the one command path, then waits for in-process read models.
 * Personal details are sealed under their subjects' keys before the events are hashed.
 */
@Injectable()
export class CommandExecutor {
  private readonly streams = new StreamStateCache();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionSync,
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeyStore,
  ) {}

  async execute<C, E extends DomainEvent, S>(
    streamId: string,
    decider: Decider<C, E, S>,
    command: C,
    context: CommandContext,
  ): Promise<CommandResult> {
    const result = await handleCommand(
      this.store,
      streamId,
      decider,
      command,
      {
        ...context,
        sealData: (eventId, data) => this.seal(eventId, data),
      },
      this.streams,
    );
    await this.projections.waitFor(result.position);
    return result;
  }

  private seal(eventId: string, data: Record<string, unknown>): Record<string, unknown> {
    try {
      return sealPersonalData(data, eventId, this.keys);
    } catch (error) {
      if (error instanceof InvalidSubjectIdError) {
        throw new RuleViolation('invalid_subject_id', error.message, `personal.${error.subjectId}`);
      }
      if (!(error instanceof SubjectErasedError)) throw error;
      throw new RuleViolation('subject_erased', error.message, `personal.${error.subjectId}`);
    }
  }
}

/** Current state of one aggregate, folded from its stream; `revision` is null for no stream. */
@Injectable()
export class AggregateReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load<E extends DomainEvent, S>(
    streamId: string,
    decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
  ): Promise<{ state: S; revision: number | null }> {
    const history = await this.store.readStream(streamId);
    const state = foldEvents(decider, history.map(upcast) as unknown as E[]);
    const last = history.at(-1);
    return { state, revision: last ? Number(last.streamRevision) : null };
  }

  async exists(streamId: string): Promise<boolean> {
    return (await this.store.readStream(streamId, { maxCount: 1 })).length > 0;
  }
}
