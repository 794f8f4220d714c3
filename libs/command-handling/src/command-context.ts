import type { CommandMeta } from '@blue-ledger/domain';
import type { Actor, ProposedEvent } from '@blue-ledger/event-store';
import type { IdSource } from './id-source';

/** What a command carries besides its own data: who sends it, when, its ids and conditions. */
export interface CommandContext {
  actor: Actor;
  /** The ledger's clock when the command arrived. */
  now: string;
  correlationId: string;
  causationId: string;
  ids: IdSource;
  /** From If-Match: the write is conditional on the stream being at this revision. */
  expectedRevision?: bigint;
}

export interface CommandResult {
  streamId: string;
  events: ProposedEvent[];
  /** Revision of the stream's last event after the command. */
  revision: bigint;
  position: bigint;
  /** The command had been applied already (a retry with the same Idempotency-Key). */
  alreadyApplied: boolean;
}

/** What a domain command carries of its context: the clock and the actor. */
export function metaOf(context: CommandContext): CommandMeta {
  return { now: context.now, actor: context.actor };
}
