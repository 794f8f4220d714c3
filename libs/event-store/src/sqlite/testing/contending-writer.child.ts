/**
 * Child process for the concurrency test: after `go` on stdin, makes a number of appends to
 * shared streams, each with the expected revision it just read, retrying on a conflict.
 * Prints `ack <eventId>` per acknowledged event and `conflict` per rejected attempt.
 * Usage: contending-writer.child.ts <file> <appends> <streamId>...
 */
import { createInterface } from 'node:readline';
import { WrongExpectedRevisionError } from '../../errors';
import { proposedEvents } from '../../testing/proposed-event';
import { SqliteEventStore } from '../sqlite-event-store';

async function appendWithRetries(file: string, appends: number, streamIds: string[]) {
  const store = SqliteEventStore.open(file);
  for (let i = 0; i < appends; i++) {
    const streamId = streamIds[i % streamIds.length];
    const events = proposedEvents(1 + (i % 3)).map((event) => ({
      ...event,
      data: { writer: process.pid, append: i },
    }));
    for (;;) {
      const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      try {
        await store.appendToStream(streamId, events, {
          expectedRevision: last ? last.streamRevision : 'no_stream',
        });
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        process.stdout.write('conflict\n');
      }
    }
    process.stdout.write(events.map((event) => `ack ${event.eventId}\n`).join(''));
  }
  await store.close();
}

const [file, appends, ...streamIds] = process.argv.slice(2);
const input = createInterface({ input: process.stdin });
input.once('line', () => {
  input.close();
  process.stdin.destroy();
  appendWithRetries(file, Number(appends), streamIds).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
process.stdout.write('ready\n');
