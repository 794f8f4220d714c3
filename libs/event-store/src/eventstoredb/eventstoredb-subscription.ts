import type { EventStoreDBClient } from '@eventstore/db-client';
import type { SubscribeToAllOptions, SubscriptionMessage } from '../event-store.port';
import { planAllStreamFilter } from './all-stream-filter';
import { openAllStreamCall } from './all-stream-call';
import type { AllStreamMessage, OpenAllStreamCall } from './all-stream-call';
import { fromRecordedEvent } from './event-envelope';
import { toGlobalPosition, toServerPosition } from './global-position';
import { ResumableSubscription } from '../resumable-subscription';

export interface SubscriptionDependencies {
  client: EventStoreDBClient;
  /** Position of the newest record of $all, system records included; null when it is empty. */
  logHead: () => Promise<bigint | null>;
  onClose: () => void;
}

/**
 * A catch-up subscription to $all that outlives dropped connections. Each delivered event moves
 * the cursor; after an error the server subscription is opened again, with growing pauses,
 * strictly after the cursor, so nothing is skipped and nothing delivered twice.
 *
 * `caught_up` is said once: when the server sends CaughtUp (servers from 23.10 on), or, for
 * older servers, once the subscription has passed the head of $all as it was when the
 * subscription (re)opened: an event at or past it, or a checkpoint beyond it.
 */
export class EventStoreDbSubscription extends ResumableSubscription {
  private current: OpenAllStreamCall | undefined;

  constructor(
    private readonly dependencies: SubscriptionDependencies,
    private readonly options: SubscribeToAllOptions,
  ) {
    super();
  }

  protected override interrupt(): void {
    this.current?.cancel();
  }

  protected onClosed(): void {
    this.dependencies.onClose();
  }

  protected async *deliver(): AsyncGenerator<SubscriptionMessage> {
    const filter = planAllStreamFilter(this.options.filter);
    const from = this.options.fromPosition ?? 'start';
    let cursor: bigint | undefined = typeof from === 'bigint' ? from : undefined;
    let startsAtEnd = from === 'end';
    let caughtUp = false;
    let failures = 0;
    const caughtUpMessage = (): SubscriptionMessage => {
      caughtUp = true;
      return { kind: 'caught_up', position: cursor ?? null };
    };

    try {
      while (!this.closed) {
        try {
          const head = caughtUp ? null : await this.dependencies.logHead();
          if (startsAtEnd) {
            // Pinned to a position so that a reconnect before the first event leaves no gap.
            cursor = head ?? undefined;
            startsAtEnd = false;
          }
          const passedHead = (position: bigint | undefined) =>
            head === null || (position !== undefined && position >= head);
          this.current = await openAllStreamCall(this.dependencies.client, {
            kind: 'subscription',
            from: cursor === undefined ? 'start' : toServerPosition(cursor),
            filter: filter.server,
          });
          if (this.closed) this.current.cancel();
          for await (const message of this.current.messages) {
            if (this.closed) return;
            failures = 0;
            if (message.kind === 'event' && message.event.event) {
              const recorded = message.event.event;
              const position = toGlobalPosition(recorded.position);
              if (cursor !== undefined && position <= cursor) continue;
              cursor = position;
              if (filter.accepts(recorded)) {
                yield { kind: 'event', event: fromRecordedEvent(recorded) };
              }
              if (!caughtUp && !this.closed && passedHead(position)) yield caughtUpMessage();
            } else if (!caughtUp && isCaughtUpSignal(message, cursor, passedHead)) {
              yield caughtUpMessage();
            }
            if (this.closed) return;
          }
        } catch (error) {
          this.lastError = error;
        }
        if (this.closed) return;
        await this.pauseAfterFailure(failures++);
      }
    } finally {
      await this.close();
    }
  }
}

function isCaughtUpSignal(
  message: AllStreamMessage,
  cursor: bigint | undefined,
  passedHead: (position: bigint | undefined) => boolean,
): boolean {
  switch (message.kind) {
    case 'caught_up':
      return true;
    case 'confirmation':
      return passedHead(cursor);
    case 'checkpoint':
      // A checkpoint points past the last record the server looked at.
      return passedHead(message.position.commit - 1n);
    default:
      return false;
  }
}
