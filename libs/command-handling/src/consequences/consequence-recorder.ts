import {
  decisionDecider,
  DomainError,
  RuleViolation,
  streamIds,
  type ImplementRepatriation,
} from '@blue-ledger/domain';
import type { Actor, EventStore, ProposedEvent } from '@blue-ledger/event-store';
import type { AggregateReader } from '../aggregate-reader';
import type { CommandContext, CommandResult } from '../command-context';
import { handleCommand, type SealData } from '../handle-command';
import { IdSource } from '../id-source';
import { AGGREGATES } from '../ledger-command';
import type { StreamStateCache } from '../stream-state-cache';
import { consequenceOf } from './decision-consequences';

/** The event a consequence follows from: only a decision's implementation has one. */
export const IMPLEMENTATION_EVENT = 'RepatriationImplemented';

/** The decisions implemented whose consequence the read models do not show recorded yet. */
export interface PendingConsequenceLocator {
  decisionsAwaitingConsequence(): Promise<string[]>;
}

/** An implementation's consequence that the rules refused (the leader left, the unit was gone). */
export interface RefusedConsequence {
  decisionId: string;
  code: string;
  message: string;
}

/** The implementation event a consequence follows from. */
type Implementation = Pick<
  ProposedEvent,
  'eventId' | 'type' | 'recordedAt' | 'actor' | 'correlationId' | 'data'
>;

/**
 * Records what implementing a decision changes on another stream (see `consequenceOf`), as a
 * second command through the same path, after the implementation is durable. Its ids derive
 * from the implementation event's id, so recording it twice (a retried request, the recovery
 * after a crash between the two appends, two recoveries racing) appends it once.
 */
export class ConsequenceRecorder {
  constructor(
    private readonly store: EventStore,
    private readonly reader: AggregateReader,
    private readonly options: {
      cache: StreamStateCache;
      seal: SealData;
      onRefused?: (refused: RefusedConsequence) => void;
    },
  ) {}

  /**
   * Before a decision is implemented: the consequence its implementation would record must be
   * one the rules accept now (the leader still in post, the unit still deployed, not dated
   * before what its record holds), or nothing is appended. An implementation the decision's own
   * rules refuse is left to them.
   */
  async check(decisionId: string, implementation: ImplementRepatriation): Promise<void> {
    const { state } = await this.reader.load(streamIds.decision(decisionId), decisionDecider);
    try {
      decisionDecider.decide(implementation, state);
    } catch {
      return; // the decision's own rules answer first, when the command path runs them
    }
    const consequence = consequenceOf(
      state,
      implementation.data.implementedAt,
      implementation.meta,
    );
    if (consequence === null) return;
    const { decider, streamId } = AGGREGATES[consequence.aggregate];
    const { state: target } = await this.reader.load(streamId(consequence.id), decider);
    try {
      decider.decide(consequence.command, target);
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      throw new RuleViolation(
        error.code,
        `implementing it would record what the rules refuse: ${error.message}`,
        error.field === 'at' ? 'implementedAt' : error.field,
      );
    }
  }

  /** After the implementation: its consequence, recorded once; null when it has none. */
  async follow(decisionId: string, implementation: Implementation): Promise<CommandResult | null> {
    const { state } = await this.reader.load(streamIds.decision(decisionId), decisionDecider);
    const implementedAt = implementation.data.implementedAt as string;
    const actor: Actor = { id: implementation.actor.id, role: implementation.actor.role };
    const now = new Date().toISOString();
    const consequence = consequenceOf(state, implementedAt, { now, actor });
    if (consequence === null) return null;
    const context: CommandContext = {
      actor,
      now,
      correlationId: implementation.correlationId,
      causationId: implementation.eventId,
      ids: IdSource.seeded(
        Date.parse(implementation.recordedAt),
        `consequence-of:${implementation.eventId}`,
      ),
    };
    const { decider, streamId } = AGGREGATES[consequence.aggregate];
    try {
      return await handleCommand(
        this.store,
        streamId(consequence.id),
        decider,
        consequence.command,
        context,
        this.options,
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.options.onRefused?.({ decisionId, code: error.code, message: error.message });
      return null;
    }
  }

  /**
   * Whether an implementation stands in the global order after `after` and up to `upTo`: only
   * one of those can lack a consequence that a look covering `after` did not find.
   */
  async implementedBetween(after: bigint, upTo: bigint): Promise<boolean> {
    const events = await this.store.readAll({
      fromPosition: after,
      maxCount: 2,
      filter: { eventTypes: [IMPLEMENTATION_EVENT] },
    });
    return events.some((e) => e.globalPosition > after && e.globalPosition <= upTo);
  }

  /** The consequences of implementations recorded without theirs (a crash between the two appends). */
  async recordPending(locator: PendingConsequenceLocator): Promise<number> {
    let recorded = 0;
    for (const decisionId of await locator.decisionsAwaitingConsequence()) {
      const stream = await this.store.readStream(streamIds.decision(decisionId));
      const implementation = stream.find((event) => event.type === IMPLEMENTATION_EVENT);
      if (implementation === undefined) continue;
      const result = await this.follow(decisionId, implementation);
      if (result !== null && !result.alreadyApplied) recorded++;
    }
    return recorded;
  }
}
