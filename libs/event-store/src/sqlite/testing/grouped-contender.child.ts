/**
 * Child process for the test of group commit across processes: after `go` on stdin, runs a
 * number of appenders at once in this one process (so that their appends commit in groups),
 * taking turns between the shared streams (read the last revision, append with it, read again
 * and retry on a conflict) and a stream of their own. Another process doing the same on the
 * same file makes appends conflict inside a group.
 *
 * Prints, only after the append resolved or was refused, `ack <group> <eventId>` for each event
 * of an append and `conflict <group>` for a refused one, where `<group>` is the number of the
 * group transaction the append was in (this store's count of groups when the append settled:
 * the next group waits for the next turn of the event loop). `<appends>` per appender, or, when
 * 0, until a `stop` line on stdin (or stdin closing) or until killed. Prints
 * `done <groups> <appends>` once every appender finished.
 * Usage: grouped-contender.child.ts <file> <appenders> <appends> <sharedStreamId>...
 */
import { createInterface } from 'node:readline';
import { WrongExpectedRevisionError } from '../../errors';
import type { ExpectedRevision } from '../../event-store.port';
import { proposedEvents } from '../../testing/proposed-event';
import { SqliteEventStore } from '../sqlite-event-store';

async function lastRevisionOf(
  store: SqliteEventStore,
  streamId: string,
): Promise<ExpectedRevision> {
  const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
  return last ? last.streamRevision : 'no_stream';
}

async function contend(
  file: string,
  appenders: number,
  appends: number,
  shared: string[],
  stopped: () => boolean,
) {
  const store = SqliteEventStore.open(file);
  const group = () => store.groupCommitStats().groups;
  const appender = async (index: number) => {
    const ownStream = `incident-own-${process.pid}-${index}`;
    let ownRevision: ExpectedRevision = 'no_stream';
    for (let batch = 0; appends === 0 ? !stopped() : batch < appends; batch++) {
      const size = 1 + ((index + batch) % 3);
      const events = proposedEvents(size).map((event, i) => ({
        ...event,
        data: { writer: process.pid, appender: index, batch, index: i, size },
      }));
      const onShared = (index + batch) % 2 === 0;
      const streamId = onShared ? shared[(index + batch) % shared.length] : ownStream;
      for (;;) {
        const expectedRevision = onShared ? await lastRevisionOf(store, streamId) : ownRevision;
        try {
          const result = await store.appendToStream(streamId, events, { expectedRevision });
          if (!onShared) ownRevision = result.nextExpectedRevision;
          // One write of well under PIPE_BUF bytes: a kill cannot cut a line in half.
          const g = group();
          process.stdout.write(events.map((event) => `ack ${g} ${event.eventId}\n`).join(''));
          break;
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          process.stdout.write(`conflict ${group()}\n`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: appenders }, (_, index) => appender(index)));
  const stats = store.groupCommitStats();
  await store.close();
  process.stdout.write(`done ${stats.groups} ${stats.appends}\n`);
}

const [file, appenders, appends, ...shared] = process.argv.slice(2);
let stopRequested = false;
const input = createInterface({ input: process.stdin });
input.on('close', () => (stopRequested = true));
input.once('line', () => {
  input.once('line', () => input.close());
  contend(file, Number(appenders), Number(appends), shared, () => stopRequested).catch(
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.stdout.write('ready\n');
