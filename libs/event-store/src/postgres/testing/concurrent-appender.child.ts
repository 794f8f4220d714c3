/**
 * Child process for the global-order test: after `go` on stdin, makes a number of appends of
 * 1 to 3 events, alternating between streams of its own and streams shared with the other
 * writers (read the revision, append with it, retry on a conflict). Prints
 * `ack <eventId> <position>` per acknowledged event and `conflict` per rejected attempt.
 *
 * With `holdMs` 0 it appends through the store. Otherwise it is a slow writer: it calls the
 * store's `append_to_stream` in a transaction of its own and keeps that transaction open for
 * up to `holdMs` ms after drawing its positions (a slow network, a busy server), which is when
 * a lower position could commit after a higher one if nothing ordered them.
 * Usage: concurrent-appender.child.ts <url> <schema> <appends> <holdMs> <sharedStreamId>...
 */
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { WrongExpectedRevisionError } from '../../errors';
import type { AppendResult, ExpectedRevision, ProposedEvent } from '../../event-store.port';
import { proposedEvents } from '../../testing/proposed-event';
import { EventQueries } from '../event-queries';
import { PostgresEventStore } from '../postgres-event-store';
import { quotedSchema } from '../sql-names';

type Append = (
  streamId: string,
  events: ProposedEvent[],
  expectedRevision: ExpectedRevision,
) => Promise<AppendResult>;

async function throughTheStore(url: string, schema: string) {
  const store = await PostgresEventStore.open(url, { schema, poolSize: 1 });
  const append: Append = (streamId, events, expectedRevision) =>
    store.appendToStream(streamId, events, { expectedRevision });
  return { store, append, close: () => store.close() };
}

async function inSlowTransactions(url: string, schema: string, holdMs: number) {
  const store = await PostgresEventStore.open(url, { schema, poolSize: 1 });
  const client = new Client({ connectionString: url, options: '-c synchronous_commit=on' });
  await client.connect();
  const queries = new EventQueries(client, quotedSchema(schema));
  const append: Append = async (streamId, events, expectedRevision) => {
    await client.query('BEGIN');
    try {
      const result = await queries.append(streamId, events, expectedRevision);
      if (result.outcome !== 'appended') {
        throw result.outcome === 'conflict'
          ? new WrongExpectedRevisionError(streamId, expectedRevision, result.actual)
          : new Error(`unexpected outcome ${result.outcome}`);
      }
      await client.query('SELECT pg_sleep($1)', [(Math.random() * holdMs) / 1000]);
      await client.query('COMMIT');
      return { nextExpectedRevision: result.revision, position: result.position };
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  };
  return {
    store,
    append,
    close: async () => {
      await client.end();
      await store.close();
    },
  };
}

async function appendConcurrently(
  url: string,
  schema: string,
  appends: number,
  holdMs: number,
  shared: string[],
): Promise<void> {
  const writer =
    holdMs > 0 ? await inSlowTransactions(url, schema, holdMs) : await throughTheStore(url, schema);
  for (let i = 0; i < appends; i++) {
    const own = i % 2 === 0;
    const streamId = own ? `own-${process.pid}-${i % 5}` : shared[i % shared.length];
    const events = proposedEvents(1 + (i % 3)).map((event) => ({
      ...event,
      data: { writer: process.pid, append: i },
    }));
    const result = await withRetries(writer.store, writer.append, streamId, events);
    const first = result.position - BigInt(events.length - 1);
    // Positions of one batch are consecutive: it held the write lock for all of them.
    process.stdout.write(
      events.map((event, k) => `ack ${event.eventId} ${first + BigInt(k)}\n`).join(''),
    );
  }
  await writer.close();
}

async function withRetries(
  store: PostgresEventStore,
  append: Append,
  streamId: string,
  events: ProposedEvent[],
): Promise<AppendResult> {
  for (;;) {
    const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    try {
      return await append(streamId, events, last ? last.streamRevision : 'no_stream');
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      process.stdout.write('conflict\n');
    }
  }
}

const [url, schema, appends, holdMs, ...shared] = process.argv.slice(2);
const input = createInterface({ input: process.stdin });
input.once('line', () => {
  input.close();
  process.stdin.destroy();
  appendConcurrently(url, schema, Number(appends), Number(holdMs), shared).catch(
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.stdout.write('ready\n');
