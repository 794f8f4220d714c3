/**
 * Child process for the durability test of group commit: 32 appenders at once, each appending
 * batches of 1 to 3 events to a stream of its own, so that their appends commit in groups.
 * Prints `ack <eventId>` for each event only after its append resolved. Runs until killed.
 * Usage: grouped-burst.child.ts <file> <appenders>
 */
import type { ExpectedRevision } from '../../event-store.port';
import { proposedEvents } from '../../testing/proposed-event';
import { SqliteEventStore } from '../sqlite-event-store';

async function appendUntilKilled(file: string, appenders: number) {
  const store = SqliteEventStore.open(file);
  const appender = async (index: number) => {
    const streamId = `incident-grouped-${index}`;
    const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    let expectedRevision: ExpectedRevision = last ? last.streamRevision : 'no_stream';
    for (let batch = 0; ; batch++) {
      const size = 1 + ((index + batch) % 3);
      const events = proposedEvents(size).map((event, i) => ({
        ...event,
        data: { writer: process.pid, appender: index, batch, index: i, size },
      }));
      const result = await store.appendToStream(streamId, events, { expectedRevision });
      expectedRevision = result.nextExpectedRevision;
      // One write of well under PIPE_BUF bytes: a kill cannot cut a line in half.
      process.stdout.write(events.map((event) => `ack ${event.eventId}\n`).join(''));
    }
  };
  await Promise.all(Array.from({ length: appenders }, (_, index) => appender(index)));
}

const [file, appenders] = process.argv.slice(2);
appendUntilKilled(file, Number(appenders)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
