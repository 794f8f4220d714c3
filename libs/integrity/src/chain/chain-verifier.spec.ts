import type { RecordedEvent } from '@blue-ledger/event-store';
import { chainEvents } from './chain-events';
import { ChainVerifier, verifyChains, type ChainFailure } from './chain-verifier';
import { hashEvent } from './event-hash';
import { recordedLedger, unchainedEvent } from '../testing/recorded-events';
import { MerkleTree } from '../merkle/merkle-tree';

/** 12 events of 3 streams, interleaved: stream incident-k holds positions k+1, k+4, k+7, k+10. */
const ledger = (): RecordedEvent[] => recordedLedger(12, 3);

function failureOf(events: RecordedEvent[]): ChainFailure {
  const result = verifyChains(events);
  if (result.ok) throw new Error('expected the chains to break');
  return result.failure;
}

describe('verifyChains', () => {
  it('accepts an untouched ledger and says how much it checked', () => {
    expect(verifyChains(ledger())).toEqual({ ok: true, eventCount: 12, streamCount: 3 });
  });

  it('accepts an empty ledger', () => {
    expect(verifyChains([])).toEqual({ ok: true, eventCount: 0, streamCount: 0 });
  });

  describe('when one character of an event was changed', () => {
    it('reports a hash mismatch at that event', () => {
      const events = ledger();
      events[5] = { ...events[5], data: { ...events[5].data, summary: 'amendment 6' } };
      expect(failureOf(events)).toMatchObject({
        position: 6n,
        streamId: 'incident-2',
        revision: 1n,
        reason: 'hash_mismatch',
      });
    });

    it('reports it too when the actor, a time or the recorded hash was changed', () => {
      const edits: Array<(event: RecordedEvent) => RecordedEvent> = [
        (e) => ({ ...e, actor: { ...e.actor, id: 'someone-else' } }),
        (e) => ({ ...e, recordedAt: e.recordedAt.replace('18:30', '18:31') }),
        (e) => ({ ...e, hash: `${e.hash.slice(0, 63)}${e.hash.endsWith('0') ? '1' : '0'}` }),
        (e) => ({ ...e, prevHash: 'f'.repeat(64) }),
      ];
      for (const edit of edits) {
        const events = ledger();
        events[7] = edit(events[7]);
        expect(failureOf(events)).toMatchObject({ position: 8n, reason: 'hash_mismatch' });
      }
    });
  });

  describe('when an event was deleted', () => {
    it('reports the revision gap at the next event of its stream', () => {
      const events = ledger();
      events.splice(4, 1); // incident-1 revision 1, position 5
      expect(failureOf(events)).toMatchObject({
        position: 8n,
        streamId: 'incident-1',
        revision: 2n,
        reason: 'revision_gap',
      });
    });

    it('reports a broken link when the revisions after it were renumbered', () => {
      const events = ledger();
      events.splice(4, 1);
      const renumbered = events.map((e) =>
        e.streamId === 'incident-1' && e.streamRevision > 1n
          ? rehash({ ...e, streamRevision: e.streamRevision - 1n })
          : e,
      );
      expect(failureOf(renumbered)).toMatchObject({
        position: 8n,
        revision: 1n,
        reason: 'prev_hash_does_not_link',
      });
    });

    it('reports the gap when the first event of a stream is gone', () => {
      const events = ledger().filter((e) => e.globalPosition !== 3n);
      expect(failureOf(events)).toMatchObject({ position: 6n, reason: 'revision_gap' });
    });
  });

  describe('when two events were swapped', () => {
    it('reports a revision gap where the later one now comes first', () => {
      const events = ledger();
      const [a, b] = [events[1], events[4]]; // incident-1 revisions 0 and 1
      events[1] = { ...b, globalPosition: a.globalPosition };
      events[4] = { ...a, globalPosition: b.globalPosition };
      expect(failureOf(events)).toMatchObject({ position: 2n, reason: 'revision_gap' });
    });

    it('reports positions going backwards when they moved with their positions', () => {
      const events = ledger();
      [events[2], events[3]] = [events[3], events[2]];
      expect(failureOf(events)).toMatchObject({ position: 3n, reason: 'position_not_increasing' });
    });

    it('reports a revision gap when two events of one stream traded places in the order', () => {
      const events = ledger();
      const first = events.findIndex((e) => e.streamId === 'incident-0' && e.streamRevision === 2n);
      const second = events.findIndex(
        (e) => e.streamId === 'incident-0' && e.streamRevision === 3n,
      );
      const swapped = events.map((e, i) => {
        if (i === first) return { ...events[second], globalPosition: e.globalPosition };
        if (i === second) return { ...events[first], globalPosition: e.globalPosition };
        return e;
      });
      expect(failureOf(swapped)).toMatchObject({
        position: events[first].globalPosition,
        reason: 'revision_gap',
      });
    });
    it('reports a broken link when the forger also rewrote their revisions and hashes', () => {
      const events = ledger();
      const at = (revision: bigint) =>
        events.findIndex((e) => e.streamId === 'incident-0' && e.streamRevision === revision);
      const [first, second] = [at(2n), at(3n)];
      const swapped = [...events];
      swapped[first] = rehash({
        ...events[second],
        streamRevision: 2n,
        globalPosition: events[first].globalPosition,
      });
      swapped[second] = rehash({
        ...events[first],
        streamRevision: 3n,
        globalPosition: events[second].globalPosition,
      });
      expect(failureOf(swapped)).toMatchObject({
        position: events[first].globalPosition,
        reason: 'prev_hash_does_not_link',
      });
    });
  });

  describe('when an event was inserted', () => {
    it('reports a duplicate revision even when the forger recomputed its hash and link', () => {
      const events = ledger();
      const victim = events[4]; // incident-1 revision 1
      const [forged] = chainEvents('incident-1', 1n, victim.prevHash, [
        unchainedEvent(99, { data: { summary: 'the battalion held its position' } }),
      ]);
      const inserted: RecordedEvent = {
        ...forged,
        streamId: 'incident-1',
        streamRevision: 1n,
        globalPosition: victim.globalPosition,
      };
      const shifted = events.map((e) =>
        e.globalPosition >= victim.globalPosition
          ? { ...e, globalPosition: e.globalPosition + 1n }
          : e,
      );
      shifted.splice(4, 0, inserted);
      expect(failureOf(shifted)).toMatchObject({
        position: 6n,
        streamId: 'incident-1',
        revision: 1n,
        reason: 'revision_out_of_order',
      });
    });

    it('reports a broken link when the forger also renumbered what came after', () => {
      const events = ledger();
      const victimIndex = 4;
      const victim = events[victimIndex];
      const [forged] = chainEvents('incident-1', 1n, victim.prevHash, [unchainedEvent(99)]);
      const renumbered = events.map((e) =>
        e.streamId === 'incident-1' && e.streamRevision >= 1n
          ? rehash({ ...e, streamRevision: e.streamRevision + 1n })
          : e,
      );
      renumbered.splice(victimIndex, 0, {
        ...forged,
        streamId: 'incident-1',
        streamRevision: 1n,
        globalPosition: victim.globalPosition,
      });
      const reordered = renumbered.map((e, i) => ({ ...e, globalPosition: BigInt(i + 1) }));
      expect(failureOf(reordered)).toMatchObject({
        streamId: 'incident-1',
        revision: 2n,
        reason: 'prev_hash_does_not_link',
      });
    });
  });

  describe('when the end of the ledger was cut off', () => {
    it('cannot tell from the chains alone; the signed tree head over the full log can', () => {
      const events = ledger();
      const notarised = new MerkleTree();
      for (const e of events) notarised.append(Buffer.from(e.hash, 'hex'));
      const signedSize = notarised.size; // what the notary signed, with notarised.root()

      const truncated = events.slice(0, 9);
      expect(verifyChains(truncated)).toMatchObject({ ok: true });

      const rebuilt = new MerkleTree();
      for (const e of truncated) rebuilt.append(Buffer.from(e.hash, 'hex'));
      expect(rebuilt.size).toBeLessThan(signedSize);
      expect(rebuilt.root().equals(notarised.root())).toBe(false);
    });
  });
});

describe('ChainVerifier', () => {
  it('verifies events fed one at a time and keeps each stream head', () => {
    const events = ledger();
    const verifier = new ChainVerifier();
    for (const event of events) expect(verifier.add(event)).toBeNull();
    expect(verifier.result()).toEqual({ ok: true, eventCount: 12, streamCount: 3 });
    expect(verifier.streamHead('incident-2')).toEqual({ revision: 3n, hash: events[11].hash });
  });

  it('keeps reporting the first failure, whatever comes after', () => {
    const events = ledger();
    events[3] = { ...events[3], causationId: 'forged' };
    const verifier = new ChainVerifier();
    const failures = events.map((event) => verifier.add(event));
    expect(failures.slice(0, 3)).toEqual([null, null, null]);
    expect(new Set(failures.slice(3))).toEqual(new Set([failures[3]]));
    expect(verifier.result()).toMatchObject({
      ok: false,
      eventCount: 3,
      failure: { position: 4n },
    });
  });

  it('accepts global positions with gaps, as EventStoreDB commit positions have', () => {
    const events = ledger().map((e) => ({ ...e, globalPosition: e.globalPosition * 1000n }));
    expect(verifyChains(events)).toMatchObject({ ok: true, eventCount: 12 });
  });
});

function rehash(event: RecordedEvent): RecordedEvent {
  return { ...event, hash: hashEvent(event) };
}
