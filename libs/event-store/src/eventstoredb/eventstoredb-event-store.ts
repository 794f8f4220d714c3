import {
  EventStoreDBClient,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { ReadStreamOptions as ClientReadStreamOptions } from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventSubscription,
  ProposedEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port';
import { openAllStreamCall } from './all-stream-call';
import { alreadyAppended } from './already-appended';
import { assertAppendableBatch } from './appendable-batch';
import { fromRecordedEvent, toEventData } from './event-envelope';
import { toClientExpectedRevision } from './expected-revision';
import { toGlobalPosition } from './global-position';
import { readAllEvents } from './read-all-events';
import { retryingTransientFailures } from './transient-failures';
import { EventStoreDbSubscription } from './eventstoredb-subscription';

/**
 * The event-store port on EventStoreDB, through the official gRPC client.
 *
 * Idempotent appends: EventStoreDB itself recognises a plain retry (the same ids at the same
 * expected revision) and a retry with `any` while the ids are in its cache of recent writes.
 * It does not recognise ids that stand elsewhere in the stream: with a current expected
 * revision or `any` it would write them again, and a batch mixing written and new ids would be
 * written whole. So before each append this adapter reads the stream and compares ids (see
 * `alreadyAppended`): the same batch again answers with its original result without writing,
 * a partial overlap is a DuplicateEventIdError. A wrong-expected-version answer is checked the
 * same way, since it may come from a retry racing its original. That costs one stream read per
 * append. Ids reused in another stream are not detected: EventStoreDB keeps no id index.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();

  /** @param connectionString e.g. `esdb://localhost:2113?tls=false` (the app passes EVENTSTORE_URL). */
  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  appendToStream(
    streamId: string,
    events: ProposedEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    assertAppendableBatch(events);
    return retryingTransientFailures(() => this.appendOnce(streamId, events, options));
  }

  private async appendOnce(
    streamId: string,
    events: ProposedEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    const before = alreadyAppended(streamId, events, await this.readStream(streamId));
    if (before) return before;
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: toClientExpectedRevision(expected),
      });
      if (result.position !== undefined) {
        return {
          nextExpectedRevision: result.nextExpectedRevision,
          position: toGlobalPosition(result.position),
        };
      }
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const racedRetry = alreadyAppended(streamId, events, await this.readStream(streamId));
      if (racedRetry) return racedRetry;
      throw new WrongExpectedRevisionError(streamId, expected, error.actualVersion);
    }
    // The server took the batch as a retry and, before 22.x, answered without a position.
    const written = alreadyAppended(streamId, events, await this.readStream(streamId));
    if (!written) throw new Error(`append to ${streamId} succeeded but its events are not there`);
    return written;
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return retryingTransientFailures(() => this.readStreamOnce(streamId, options));
  }

  private async readStreamOnce(
    streamId: string,
    options: ReadStreamOptions,
  ): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const clientOptions: ClientReadStreamOptions = {
      direction,
      fromRevision: options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end'),
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    };
    if (options.maxCount === 0) return [];
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, clientOptions)) {
        if (resolved.event) events.push(fromRecordedEvent(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return retryingTransientFailures(() => readAllEvents(this.client, options));
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    const subscription: EventStoreDbSubscription = new EventStoreDbSubscription(
      {
        client: this.client,
        logHead: () => this.logHead(),
        onClose: () => this.subscriptions.delete(subscription),
      },
      options,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint | null> {
    const [last] = await this.readAll({ direction: 'backwards', maxCount: 1 });
    return last?.globalPosition ?? null;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /** The newest record of $all, the server's own included: where a catch-up ends for now. */
  private async logHead(): Promise<bigint | null> {
    const call = await openAllStreamCall(this.client, {
      kind: 'read',
      from: 'end',
      forwards: false,
      maxCount: 1n,
    });
    let head: bigint | null = null;
    for await (const message of call.messages) {
      if (message.kind === 'event' && message.event.event) {
        head = toGlobalPosition(message.event.event.position);
      }
    }
    return head;
  }
}
