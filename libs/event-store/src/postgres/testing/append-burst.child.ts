/**
 * Child process for the durability and restart tests: appends batches to one stream,
 * continuing where the stream stands, and prints `ack <eventId>` for each event only after
 * its append returned. When the server cannot be reached it retries the same batch (the same
 * event ids) until it is acknowledged, and prints `unavailable` once per failed try. Runs
 * until killed. Usage: append-burst.child.ts <url> <schema> <streamId> <batchSize>
 */
import { EventStoreUnavailableError } from '../../errors';
import type { ExpectedRevision } from '../../event-store.port';
import { proposedEvents } from '../../testing/proposed-event';
import { PostgresEventStore } from '../postgres-event-store';

async function appendUntilKilled(url: string, schema: string, streamId: string, size: number) {
  const store = await PostgresEventStore.open(url, { schema, poolSize: 1 });
  const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
  let expectedRevision: ExpectedRevision = last ? last.streamRevision : 'no_stream';
  for (let batch = 0; ; batch++) {
    const events = proposedEvents(size).map((event, index) => ({
      ...event,
      data: { writer: process.pid, batch, index, size },
    }));
    for (;;) {
      try {
        const result = await store.appendToStream(streamId, events, { expectedRevision });
        expectedRevision = result.nextExpectedRevision;
        break;
      } catch (error) {
        if (!(error instanceof EventStoreUnavailableError)) throw error;
        process.stdout.write('unavailable\n');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    // One write of well under PIPE_BUF bytes: a kill cannot cut a line in half.
    process.stdout.write(events.map((event) => `ack ${event.eventId}\n`).join(''));
  }
}

const [url, schema, streamId, batchSize] = process.argv.slice(2);
appendUntilKilled(url, schema, streamId, Number(batchSize)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
