import type { RecordedEvent } from '../../event-store.port';
import { eventIds, proposedEvent } from '../proposed-event';
import type { ContractContext } from './contract-context';

/**
 * The store handed to a test may already hold events (a shared server), but nothing else
 * writes to it while the test runs: the events a test appends are the newest in the store.
 */
export function describeReadingAll(context: ContractContext): void {
  const store = () => context.store();

  /** Six events over three streams of two categories, in this global order. */
  const history = async () => {
    const incidentA = context.streamId('incident');
    const incidentB = context.streamId('incident');
    const decision = context.streamId('decision');
    const plan: [string, string][] = [
      [incidentA, 'IncidentReported'],
      [decision, 'RepatriationDecided'],
      [incidentB, 'IncidentReported'],
      [incidentA, 'IncidentAmended'],
      [decision, 'RepatriationImplemented'],
      [incidentB, 'IncidentClosed'],
    ];
    const appended: RecordedEvent[] = [];
    for (const [streamId, type] of plan) {
      await store().appendToStream(streamId, [proposedEvent({ type })]);
      const [last] = await store().readStream(streamId, { direction: 'backwards', maxCount: 1 });
      appended.push(last);
    }
    return { appended, ids: eventIds(appended), first: appended[0].globalPosition };
  };

  describe('reading all', () => {
    it('reads forwards in the global order from a position, inclusive', async () => {
      const { appended, first } = await history();

      const all = await store().readAll({ fromPosition: first });

      expect(all).toStrictEqual(appended);
    });

    it('reads forwards from a later position, inclusive', async () => {
      const { appended } = await history();

      const all = await store().readAll({ fromPosition: appended[3].globalPosition });

      expect(eventIds(all)).toEqual(eventIds(appended.slice(3)));
    });

    it('reads from the start forwards by default, in strictly increasing positions', async () => {
      const { ids } = await history();

      const all = await store().readAll();

      all.slice(1).forEach((event, i) => {
        expect(event.globalPosition).toBeGreaterThan(all[i].globalPosition);
      });
      expect(eventIds(all).slice(-ids.length)).toEqual(ids);
    });

    it('reads backwards from the end by default', async () => {
      const { ids } = await history();

      const all = await store().readAll({ direction: 'backwards', maxCount: ids.length });

      expect(eventIds(all)).toEqual([...ids].reverse());
    });

    it('reads backwards from a position, inclusive', async () => {
      const { appended, ids } = await history();

      const all = await store().readAll({
        direction: 'backwards',
        fromPosition: appended[2].globalPosition,
        maxCount: 3,
      });

      expect(eventIds(all)).toEqual(ids.slice(0, 3).reverse());
    });

    it('reads at most maxCount events', async () => {
      const { ids, first } = await history();

      const page = await store().readAll({ fromPosition: first, maxCount: 4 });
      const fromStart = await store().readAll({ maxCount: 2 });

      expect(eventIds(page)).toEqual(ids.slice(0, 4));
      expect(fromStart).toHaveLength(2);
      expect(fromStart[0].globalPosition).toBeLessThanOrEqual(first);
    });

    it('filters by stream prefixes', async () => {
      const { ids, first } = await history();
      const incidents = `${context.scope()}-incident-`;
      const decisions = `${context.scope()}-decision-`;

      const onlyIncidents = await store().readAll({ filter: { streamPrefixes: [incidents] } });
      const both = await store().readAll({
        fromPosition: first,
        filter: { streamPrefixes: [incidents, decisions] },
      });

      expect(eventIds(onlyIncidents)).toEqual([ids[0], ids[2], ids[3], ids[5]]);
      expect(eventIds(both)).toEqual(ids);
    });

    it('filters by event types', async () => {
      const { ids, first } = await history();

      const all = await store().readAll({
        fromPosition: first,
        filter: { eventTypes: ['IncidentReported', 'RepatriationImplemented'] },
      });

      expect(eventIds(all)).toEqual([ids[0], ids[2], ids[4]]);
    });

    it('counts only matching events towards maxCount, in either direction', async () => {
      const { ids, first } = await history();
      const filter = { streamPrefixes: [`${context.scope()}-incident-`] };

      const forwards = await store().readAll({ fromPosition: first, maxCount: 2, filter });
      const backwards = await store().readAll({ direction: 'backwards', maxCount: 3, filter });

      expect(eventIds(forwards)).toEqual([ids[0], ids[2]]);
      expect(eventIds(backwards)).toEqual([ids[5], ids[3], ids[2]]);
    });

    it('reads nothing for a filter nothing matches', async () => {
      const { first } = await history();

      const all = await store().readAll({
        fromPosition: first,
        filter: { eventTypes: ['NoSuchEventType'] },
      });

      expect(all).toEqual([]);
    });
  });

  describe('the head position', () => {
    it('is the position of the last appended event', async () => {
      const { appended } = await history();

      expect(await store().headPosition()).toBe(appended[5].globalPosition);

      const next = await store().appendToStream(context.streamId(), [proposedEvent()]);
      expect(await store().headPosition()).toBe(next.position);
    });
  });
}
