/**
 * Child process for the durability test: appends batches to one stream, continuing where the
 * stream stands, and prints `ack <eventId>` for each event only after its append returned.
 * It runs until killed. Usage: append-burst.child.ts <file> <streamId> <batchSize>
 */
import type { ExpectedRevision } from '../../event-store.port';
import { proposedEvents } from '../../testing/proposed-event';
import { SqliteEventStore } from '../sqlite-event-store';

async function appendUntilKilled(file: string, streamId: string, batchSize: number) {
  const store = SqliteEventStore.open(file);
  const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
  let expectedRevision: ExpectedRevision = last ? last.streamRevision : 'no_stream';
  for (let batch = 0; ; batch++) {
    const events = proposedEvents(batchSize).map((event, index) => ({
      ...event,
      data: { writer: process.pid, batch, index, size: batchSize },
    }));
    const result = await store.appendToStream(streamId, events, { expectedRevision });
    expectedRevision = result.nextExpectedRevision;
    // One write of well under PIPE_BUF bytes: a kill cannot cut a line in half.
    process.stdout.write(events.map((event) => `ack ${event.eventId}\n`).join(''));
  }
}

const [file, streamId, batchSize] = process.argv.slice(2);
appendUntilKilled(file, streamId, Number(batchSize)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
