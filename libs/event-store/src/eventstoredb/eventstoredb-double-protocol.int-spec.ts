import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, WrongExpectedVersionError, jsonEvent } from '@eventstore/db-client';
import type { AppendExpectedRevision, EventData } from '@eventstore/db-client';
import { startEventStoreDbDouble } from '../../../../test/eventstoredb-double';
import type { EventStoreDbDouble } from '../../../../test/eventstoredb-double';

/**
 * The server behaviour the adapter is built on, checked on the double through the bare client:
 * what EventStoreDB itself does with retried ids and stale revisions. These are the reasons
 * for what the adapter adds (see EventStoreDbEventStore), and a record of what the double
 * must keep reproducing.
 */
describe.each([
  ['BatchAppend', { batchAppend: true }],
  ['Append', { batchAppend: false }],
])('The EventStoreDB double through the client, appending with %s', (_name, options) => {
  let double: EventStoreDbDouble;
  let client: EventStoreDBClient;
  let streamId: string;

  beforeEach(async () => {
    double = await startEventStoreDbDouble(options);
    client = EventStoreDBClient.connectionString(double.url);
    streamId = `protocol-${randomUUID()}`;
  });

  afterEach(async () => {
    await client.dispose();
    await double.stop();
  });

  const events = (count: number): EventData[] =>
    Array.from({ length: count }, (_, i) => jsonEvent({ type: 'Tested', data: { i } }));
  const append = (batch: EventData[], expectedRevision: AppendExpectedRevision) =>
    client.appendToStream(streamId, batch, { expectedRevision });
  const storedIds = async () => {
    const ids: string[] = [];
    for await (const resolved of client.readStream(streamId)) ids.push(resolved.event?.id ?? '');
    return ids;
  };

  it('answers a retry of the same ids at the same expected revision without writing', async () => {
    const batch = events(2);
    const original = await append(batch, 'no_stream');

    const retry = await append(batch, 'no_stream');

    expect(retry).toEqual(original);
    expect(await storedIds()).toEqual(batch.map((e) => e.id));
  });

  it('writes a batch again whose first id is new, even if a later id is known', async () => {
    const [known] = events(1);
    await append([known], 'any');

    await append([...events(1), known], 'any');

    expect((await storedIds()).filter((id) => id === known.id)).toHaveLength(2);
  });

  it('refuses a batch whose first id is known and a later one is new', async () => {
    const [known] = events(1);
    await append([known], 'any');

    await expect(append([known, ...events(1)], 'any')).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
  });

  it('reports a stale revision with the stream, the expected and the actual revision', async () => {
    await append(events(3), 'no_stream');

    const stale = append(events(1), 1n);

    await expect(stale).rejects.toMatchObject({
      streamName: streamId,
      expectedVersion: 1n,
      actualVersion: 2n,
    });
  });

  it('reports a missing stream as no_stream', async () => {
    await expect(append(events(1), 'stream_exists')).rejects.toMatchObject({
      expectedVersion: 'stream_exists',
      actualVersion: 'no_stream',
    });
  });

  it('holds its own events in $all before anything is written, in $ streams with $ types', async () => {
    const all = [];
    for await (const resolved of client.readAll()) all.push(resolved.event);

    expect(all.length).toBeGreaterThan(0);
    expect(all.every((e) => e?.streamId.startsWith('$') && e.type.startsWith('$'))).toBe(true);
  });

  it('places events at byte positions, commit equal to prepare, not one apart', async () => {
    await append(events(3), 'any');
    const positions = [];
    for await (const resolved of client.readStream(streamId))
      positions.push(resolved.event?.position);

    positions.forEach((position) => expect(position?.commit).toBe(position?.prepare));
    expect(Number(positions[1]!.commit - positions[0]!.commit)).toBeGreaterThan(1);
  });

  it('keeps its data across a restart', async () => {
    const batch = events(2);
    await append(batch, 'no_stream');

    await double.restart();

    // Like any client of a restarted server, the first call may only learn that the old
    // connection is gone; the client connects again on the next one.
    const afterRestart = async (): Promise<string[]> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await storedIds();
        } catch (error) {
          if (attempt === 3) throw error;
        }
      }
    };
    expect(await afterRestart()).toEqual(batch.map((e) => e.id));
  });
});
