import fc from 'fast-check';
import { WrongExpectedRevisionError } from '../../errors';
import type { ExpectedRevision } from '../../event-store.port';
import { eventIds, proposedEvents } from '../proposed-event';
import type { ContractContext } from './contract-context';

export function describeConcurrentWriters(context: ContractContext): void {
  const store = () => context.store();

  const race = async (streamId: string, writers: number, expectedRevision: ExpectedRevision) => {
    const batches = Array.from({ length: writers }, () => proposedEvents(2));
    const outcomes = await Promise.allSettled(
      batches.map((batch) => store().appendToStream(streamId, batch, { expectedRevision })),
    );
    const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [batches[i]] : []));
    const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    return { winners, losers };
  };

  describe('concurrent writers', () => {
    it('let exactly one of several appends with the same revision number win', async () => {
      const streamId = context.streamId();
      const first = proposedEvents(1);
      await store().appendToStream(streamId, first);

      const { winners, losers } = await race(streamId, 5, 0n);

      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(4);
      losers.forEach((error) => {
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId, expected: 0n, actual: 2n });
      });
      const stored = await store().readStream(streamId);
      expect(eventIds(stored)).toEqual([...eventIds(first), ...eventIds(winners[0])]);
    });

    it('let exactly one of several appends to a new stream win', async () => {
      const streamId = context.streamId();

      const { winners, losers } = await race(streamId, 4, 'no_stream');

      expect(winners).toHaveLength(1);
      losers.forEach((error) => expect(error).toBeInstanceOf(WrongExpectedRevisionError));
      expect(eventIds(await store().readStream(streamId))).toEqual(eventIds(winners[0]));
    });

    it('keep every append with expected revision any, in contiguous revisions', async () => {
      const streamId = context.streamId();

      const { winners, losers } = await race(streamId, 5, 'any');

      expect(losers).toEqual([]);
      const stored = await store().readStream(streamId);
      expect(stored.map((e) => e.streamRevision)).toEqual(stored.map((_, i) => BigInt(i)));
      expect(new Set(eventIds(stored))).toEqual(new Set(winners.flatMap(eventIds)));
    });

    it('read back any interleaving of batches in global order, with contiguous revisions', async () => {
      const batchPlan = fc.array(
        fc.record({
          stream: fc.integer({ min: 0, max: 3 }),
          size: fc.integer({ min: 1, max: 4 }),
          withRevisionNumber: fc.boolean(),
        }),
        { minLength: 1, maxLength: 10 },
      );

      await fc.assert(
        fc.asyncProperty(batchPlan, async (plan) => {
          const run = context.streamId('interleaving');
          const appendedIds: string[] = [];
          const perStream = new Map<string, string[]>();
          for (const { stream, size, withRevisionNumber } of plan) {
            const streamId = `${run}-s${stream}`;
            const before = perStream.get(streamId) ?? [];
            const batch = proposedEvents(size);
            const expectedRevision: ExpectedRevision = !withRevisionNumber
              ? 'any'
              : before.length === 0
                ? 'no_stream'
                : BigInt(before.length - 1);
            const result = await store().appendToStream(streamId, batch, { expectedRevision });
            expect(result.nextExpectedRevision).toBe(BigInt(before.length + size - 1));
            perStream.set(streamId, [...before, ...eventIds(batch)]);
            appendedIds.push(...eventIds(batch));
          }

          const all = await store().readAll({ filter: { streamPrefixes: [`${run}-`] } });
          expect(eventIds(all)).toEqual(appendedIds);
          all.slice(1).forEach((event, i) => {
            expect(event.globalPosition).toBeGreaterThan(all[i].globalPosition);
          });
          for (const [streamId, ids] of perStream) {
            const stream = await store().readStream(streamId);
            expect(eventIds(stream)).toEqual(ids);
            expect(stream.map((e) => e.streamRevision)).toEqual(ids.map((_, i) => BigInt(i)));
          }
        }),
        { numRuns: 12 },
      );
    });
  });
}
