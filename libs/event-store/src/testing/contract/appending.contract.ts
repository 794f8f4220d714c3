import { WrongExpectedRevisionError } from '../../errors';
import type { ExpectedRevision } from '../../event-store.port';
import { eventIds, proposedEvent, proposedEvents, withoutPosition } from '../proposed-event';
import type { ContractContext } from './contract-context';

export function describeAppending(context: ContractContext): void {
  const store = () => context.store();

  const expectConflict = async (
    append: Promise<unknown>,
    conflict: { streamId: string; expected: ExpectedRevision; actual: bigint | 'no_stream' },
  ) => {
    await expect(append).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(append).rejects.toMatchObject(conflict);
  };

  describe('appending', () => {
    it('numbers revisions from 0, contiguously, across batches', async () => {
      const streamId = context.streamId();
      const first = await store().appendToStream(streamId, proposedEvents(2));
      const second = await store().appendToStream(streamId, proposedEvents(3));

      expect(first.nextExpectedRevision).toBe(1n);
      expect(second.nextExpectedRevision).toBe(4n);
      const revisions = (await store().readStream(streamId)).map((e) => e.streamRevision);
      expect(revisions).toEqual([0n, 1n, 2n, 3n, 4n]);
    });

    it('returns the global position of the last appended event', async () => {
      const streamId = context.streamId();
      const result = await store().appendToStream(streamId, proposedEvents(3));

      const events = await store().readStream(streamId);
      expect(result.position).toBe(events[2].globalPosition);
    });

    it('gives global positions that strictly increase across streams', async () => {
      const [a, b, c] = [context.streamId(), context.streamId(), context.streamId()];
      for (const streamId of [a, b, a, c, b, a]) {
        await store().appendToStream(streamId, proposedEvents(2));
      }

      const all = await store().readAll({ filter: { streamPrefixes: [context.scope()] } });
      expect(all).toHaveLength(12);
      all.slice(1).forEach((event, i) => {
        expect(event.globalPosition).toBeGreaterThan(all[i].globalPosition);
      });
    });

    it('keeps every field of the envelope exactly as proposed', async () => {
      const streamId = context.streamId();
      const withEverything = proposedEvent({
        type: 'FindingRecorded',
        schemaVersion: 3,
        occurredAt: '2016-07-11T17:45:00+02:00',
        actor: { id: 'oios-investigator-7', role: 'investigator' },
        correlationId: 'corr-malakal-2016',
        causationId: 'cmd-42',
        data: {
          title: "Malakal — Ṣ “quoted” 'single' \\ back\nslash\ttab",
          scripts: '中文 العربية Русский ☮ 🇺🇳 👩🏽‍⚖️',
          lineSeparators: '\u2028\u2029',
          nested: { level: { deeper: { list: [1, 'two', null, true, { three: 3 }] } } },
          numbers: [0, -1, 1.5, 0.1, 1e-7, 123456789.123, Number.MAX_SAFE_INTEGER],
          empty: { object: {}, array: [], string: '' },
          flags: { yes: true, no: false, nothing: null },
        },
      });
      const withoutOccurredAt = proposedEvent({ type: 'IncidentReported', data: {} });

      await store().appendToStream(streamId, [withEverything, withoutOccurredAt]);

      const [first, second] = await store().readStream(streamId);
      expect(withoutPosition(first)).toStrictEqual({
        ...withEverything,
        streamId,
        streamRevision: 0n,
      });
      expect(withoutPosition(second)).toStrictEqual({
        ...withoutOccurredAt,
        streamId,
        streamRevision: 1n,
      });
      expect('occurredAt' in second).toBe(false);
      expect(typeof first.globalPosition).toBe('bigint');
    });

    it('gives the same envelope through readStream and readAll', async () => {
      const streamId = context.streamId();
      await store().appendToStream(
        streamId,
        proposedEvents(2, { occurredAt: '2018-01-01T00:00:00Z' }),
      );

      const fromStream = await store().readStream(streamId);
      const fromAll = await store().readAll({ filter: { streamPrefixes: [streamId] } });
      expect(fromAll).toStrictEqual(fromStream);
    });

    describe('with expected revision any', () => {
      it('creates a stream', async () => {
        const streamId = context.streamId();
        const result = await store().appendToStream(streamId, proposedEvents(1), {
          expectedRevision: 'any',
        });
        expect(result.nextExpectedRevision).toBe(0n);
      });

      it('appends to an existing stream', async () => {
        const streamId = context.streamId();
        await store().appendToStream(streamId, proposedEvents(2));
        const result = await store().appendToStream(streamId, proposedEvents(1), {
          expectedRevision: 'any',
        });
        expect(result.nextExpectedRevision).toBe(2n);
      });
    });

    describe('with expected revision no_stream', () => {
      it('creates a stream', async () => {
        const streamId = context.streamId();
        const result = await store().appendToStream(streamId, proposedEvents(2), {
          expectedRevision: 'no_stream',
        });
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('rejects an append to an existing stream and appends nothing', async () => {
        const streamId = context.streamId();
        await store().appendToStream(streamId, proposedEvents(2));

        await expectConflict(
          store().appendToStream(streamId, proposedEvents(1), { expectedRevision: 'no_stream' }),
          { streamId, expected: 'no_stream', actual: 1n },
        );
        expect(await store().readStream(streamId)).toHaveLength(2);
      });
    });

    describe('with expected revision stream_exists', () => {
      it('appends to an existing stream', async () => {
        const streamId = context.streamId();
        await store().appendToStream(streamId, proposedEvents(1));
        const result = await store().appendToStream(streamId, proposedEvents(1), {
          expectedRevision: 'stream_exists',
        });
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('rejects an append to a missing stream and creates nothing', async () => {
        const streamId = context.streamId();

        await expectConflict(
          store().appendToStream(streamId, proposedEvents(1), {
            expectedRevision: 'stream_exists',
          }),
          { streamId, expected: 'stream_exists', actual: 'no_stream' },
        );
        expect(await store().readStream(streamId)).toEqual([]);
      });
    });

    describe('with an expected revision number', () => {
      it('appends when the stream is at that revision', async () => {
        const streamId = context.streamId();
        await store().appendToStream(streamId, proposedEvents(3));
        const result = await store().appendToStream(streamId, proposedEvents(2), {
          expectedRevision: 2n,
        });
        expect(result.nextExpectedRevision).toBe(4n);
      });

      it('rejects a stale revision and appends nothing', async () => {
        const streamId = context.streamId();
        await store().appendToStream(streamId, proposedEvents(3));

        await expectConflict(
          store().appendToStream(streamId, proposedEvents(1), { expectedRevision: 1n }),
          { streamId, expected: 1n, actual: 2n },
        );
        expect(eventIds(await store().readStream(streamId))).toHaveLength(3);
      });

      it('rejects a revision ahead of the stream', async () => {
        const streamId = context.streamId();
        await store().appendToStream(streamId, proposedEvents(1));

        await expectConflict(
          store().appendToStream(streamId, proposedEvents(1), { expectedRevision: 5n }),
          { streamId, expected: 5n, actual: 0n },
        );
        expect(await store().readStream(streamId)).toHaveLength(1);
      });

      it('rejects any revision for a missing stream', async () => {
        const streamId = context.streamId();

        await expectConflict(
          store().appendToStream(streamId, proposedEvents(1), { expectedRevision: 0n }),
          { streamId, expected: 0n, actual: 'no_stream' },
        );
        expect(await store().readStream(streamId)).toEqual([]);
      });
    });
  });
}
