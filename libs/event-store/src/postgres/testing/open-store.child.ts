/**
 * Child process for the migration test: after `go` on stdin, opens the store (which migrates
 * the schema), appends one event and prints `appended <position>`.
 * Usage: open-store.child.ts <url> <schema>
 */
import { createInterface } from 'node:readline';
import { proposedEvents } from '../../testing/proposed-event';
import { PostgresEventStore } from '../postgres-event-store';

async function openAndAppend(url: string, schema: string): Promise<void> {
  const store = await PostgresEventStore.open(url, { schema, poolSize: 1 });
  const { position } = await store.appendToStream(`opener-${process.pid}`, proposedEvents(1));
  process.stdout.write(`appended ${position}\n`);
  await store.close();
}

const [url, schema] = process.argv.slice(2);
const input = createInterface({ input: process.stdin });
input.once('line', () => {
  input.close();
  process.stdin.destroy();
  openAndAppend(url, schema).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
process.stdout.write('ready\n');
