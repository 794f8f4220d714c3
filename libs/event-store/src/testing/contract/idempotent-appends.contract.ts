import { DuplicateEventIdError } from '../../errors';
import { eventIds, proposedEvents } from '../proposed-event';
import type { ContractContext } from './contract-context';

export function describeIdempotentAppends(context: ContractContext): void {
  const store = () => context.store();

  describe('appending events whose ids were already appended', () => {
    it('appends nothing and returns the original result for the same expected revision', async () => {
      const streamId = context.streamId();
      const batch = proposedEvents(3);
      const original = await store().appendToStream(streamId, batch, {
        expectedRevision: 'no_stream',
      });

      const again = await store().appendToStream(streamId, batch, {
        expectedRevision: 'no_stream',
      });

      expect(again).toEqual(original);
      expect(eventIds(await store().readStream(streamId))).toEqual(eventIds(batch));
    });

    it('appends nothing for a later batch retried with its revision number', async () => {
      const streamId = context.streamId();
      await store().appendToStream(streamId, proposedEvents(2));
      const batch = proposedEvents(2);
      const original = await store().appendToStream(streamId, batch, { expectedRevision: 1n });

      const again = await store().appendToStream(streamId, batch, { expectedRevision: 1n });

      expect(again).toEqual(original);
      expect(await store().readStream(streamId)).toHaveLength(4);
    });

    it('appends nothing and returns the original result with expected revision any', async () => {
      const streamId = context.streamId();
      const batch = proposedEvents(2);
      const original = await store().appendToStream(streamId, batch, { expectedRevision: 'any' });

      const again = await store().appendToStream(streamId, batch, { expectedRevision: 'any' });

      expect(again).toEqual(original);
      expect(await store().readStream(streamId)).toHaveLength(2);
    });

    it('appends nothing when the retry comes after the stream moved on', async () => {
      const streamId = context.streamId();
      const batch = proposedEvents(2);
      const original = await store().appendToStream(streamId, batch, {
        expectedRevision: 'no_stream',
      });
      await store().appendToStream(streamId, proposedEvents(2), { expectedRevision: 1n });

      const again = await store().appendToStream(streamId, batch, {
        expectedRevision: 'no_stream',
      });

      expect(again).toEqual(original);
      expect(await store().readStream(streamId)).toHaveLength(4);
    });

    it('rejects a batch mixing appended and new ids and appends none of it', async () => {
      const streamId = context.streamId();
      const appended = proposedEvents(2);
      await store().appendToStream(streamId, appended, { expectedRevision: 'no_stream' });
      const fresh = proposedEvents(1);

      const mixed = store().appendToStream(streamId, [appended[1], ...fresh], {
        expectedRevision: 1n,
      });

      await expect(mixed).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(eventIds(await store().readStream(streamId))).toEqual(eventIds(appended));
      const everything = await store().readAll({ filter: { streamPrefixes: [context.scope()] } });
      expect(eventIds(everything)).not.toContain(fresh[0].eventId);
    });

    it('rejects a mixed batch with expected revision any as well', async () => {
      const streamId = context.streamId();
      const appended = proposedEvents(2);
      await store().appendToStream(streamId, appended);

      const mixed = store().appendToStream(streamId, [...proposedEvents(1), appended[0]], {
        expectedRevision: 'any',
      });

      await expect(mixed).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(eventIds(await store().readStream(streamId))).toEqual(eventIds(appended));
    });
  });
}
