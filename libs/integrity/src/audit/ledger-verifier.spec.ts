import { generateKeyPairSync } from 'node:crypto';
import type { RecordedEvent } from '@blue-ledger/event-store';
import fc from 'fast-check';
import { chainEvents } from '../chain/chain-events';
import { eventLeafHash } from '../merkle/merkle-hashing';
import { MerkleTree } from '../merkle/merkle-tree';
import { recordedLedger, unchainedEvent } from '../testing/recorded-events';
import { signTreeHead, type SignedTreeHead } from '../tree-head/tree-head';
import { LedgerVerifier, type LedgerVerificationReport } from './ledger-verifier';

const notary = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');

/** Heads signed over the events as given, at each of `sizes`. */
function headsOver(events: readonly RecordedEvent[], sizes: number[], key = notary.privateKey) {
  const tree = new MerkleTree();
  events.forEach((event) => tree.appendLeafHash(eventLeafHash(event.hash)));
  return sizes.map((size, i) =>
    signTreeHead(
      {
        treeSize: BigInt(size),
        rootHash: tree.root(BigInt(size)),
        timestamp: `2026-11-22T10:${String(i).padStart(2, '0')}:00Z`,
      },
      key,
    ),
  );
}

function verify(
  events: readonly RecordedEvent[],
  heads: readonly SignedTreeHead[],
  trusted: readonly SignedTreeHead[] = [],
): LedgerVerificationReport {
  const verifier = new LedgerVerifier(notary.publicKey);
  heads.forEach((head) => verifier.addHead(head));
  trusted.forEach((head) => verifier.addHead(head, { trusted: true }));
  for (const event of events) if (!verifier.addEvent(event)) break;
  return verifier.finish();
}

/** The ledger with every event's recordedAt moved and every chain hashed again. */
function rehashed(events: readonly RecordedEvent[]): RecordedEvent[] {
  const heads = new Map<string, string>();
  return events.map((event) => {
    const prevHash = heads.get(event.streamId) ?? '0'.repeat(64);
    const {
      hash: _hash,
      prevHash: _prev,
      streamId,
      streamRevision,
      globalPosition,
      ...rest
    } = event;
    const [chained] = chainEvents(streamId, streamRevision, prevHash, [
      { ...rest, recordedAt: rest.recordedAt.replace('18:30', '17:30') },
    ]);
    heads.set(streamId, chained.hash);
    return { ...chained, streamId, streamRevision, globalPosition };
  });
}

describe('LedgerVerifier', () => {
  const ledger = recordedLedger(20, 3);

  describe('on an untouched ledger with heads at 5, 12 and 20', () => {
    const report = verify(ledger, headsOver(ledger, [5, 12, 20]));

    it('passes and says what it checked', () => {
      expect(report.ok).toBe(true);
      expect(report.failure).toBeNull();
      expect(report.checked).toMatchObject({
        events: 20,
        streams: 3,
        heads: 3,
        signatures: 3,
        roots: 3,
        consistencyProofs: 2,
        trustedHeads: 0,
        treeSize: 20n,
      });
    });

    it('reports the root of the whole log', () => {
      expect(report.checked.rootHash).toBe(headsOver(ledger, [20])[0].rootHash);
    });
  });

  it('hands on its chains: the events after those it was fed are checked against them', () => {
    const [first, second] = [ledger.slice(0, 12), ledger.slice(12)];
    const verifier = new LedgerVerifier(notary.publicKey);
    first.forEach((event) => verifier.addEvent(event));
    const chains = verifier.chainVerifier;
    expect(chains.checkedThrough).toBe(first[first.length - 1].globalPosition);
    second.forEach((event) => expect(chains.add(event)).toBeNull());
    expect(chains.result()).toEqual({ ok: true, eventCount: 20, streamCount: 3 });
    // An event repeated after the hand-over breaks its chain.
    expect(chains.add(second[0])?.reason).toBe('position_not_increasing');
  });

  it('passes the empty ledger with the head of the empty tree', () => {
    expect(verify([], headsOver([], [0])).ok).toBe(true);
  });

  describe('when an event was changed', () => {
    it('names its position, stream and revision', () => {
      const events = [...ledger];
      events[9] = { ...events[9], data: { ...events[9].data, summary: 'rewritten' } };
      expect(verify(events, headsOver(ledger, [20])).failure).toMatchObject({
        reason: 'hash_mismatch',
        position: 10n,
        leafIndex: 9n,
        streamId: 'incident-0',
        revision: 3n,
      });
    });
  });

  describe('when an event was inserted with a correct chain hash', () => {
    /** A forged event of `streamId` slipped in at position 13, the events after it moved up. */
    const forgedAt13 = (streamId: string, after: RecordedEvent | undefined): RecordedEvent[] => {
      const streamRevision = after ? after.streamRevision + 1n : 0n;
      const [event] = chainEvents(streamId, streamRevision, after?.hash ?? '0'.repeat(64), [
        unchainedEvent(99),
      ]);
      return [
        ...ledger.slice(0, 12),
        { ...event, streamId, streamRevision, globalPosition: 13n },
        ...ledger.slice(12).map((e) => ({ ...e, globalPosition: e.globalPosition + 1n })),
      ];
    };

    it('is caught by the chain when a later event of its stream follows it', () => {
      const last = ledger
        .slice(0, 12)
        .filter((e) => e.streamId === 'incident-2')
        .at(-1);
      expect(
        verify(forgedAt13('incident-2', last), headsOver(ledger, [12, 20])).failure,
      ).toMatchObject({
        reason: 'revision_out_of_order',
        streamId: 'incident-2',
      });
    });

    it('is caught by the heads when its chain is whole, naming the first unvouched event', () => {
      expect(
        verify(forgedAt13('incident-forged', undefined), headsOver(ledger, [12, 20])).failure,
      ).toMatchObject({
        reason: 'root_mismatch',
        position: 13n,
        leafIndex: 12n,
        streamId: 'incident-forged',
      });
    });
  });

  describe('when the tail was cut off', () => {
    it('reports that a head covers more events than the log holds', () => {
      expect(verify(ledger.slice(0, 15), headsOver(ledger, [10, 20])).failure).toMatchObject({
        reason: 'head_beyond_log',
        position: null,
        leafIndex: 15n,
      });
    });
  });

  describe('when the whole history was hashed again', () => {
    const rewritten = rehashed(ledger);

    it('keeps every chain intact', () => {
      expect(verify(rewritten, []).ok).toBe(true);
    });

    it('fails against the heads signed before, from the first event', () => {
      expect(verify(rewritten, headsOver(ledger, [8, 20])).failure).toMatchObject({
        reason: 'root_mismatch',
        position: 1n,
        leafIndex: 0n,
      });
    });

    it('names an earlier head inconsistent with later heads that sign the rewrite', () => {
      const heads = [...headsOver(ledger, [8]), ...headsOver(rewritten, [20])];
      expect(verify(rewritten, heads).failure).toMatchObject({
        reason: 'inconsistent_heads',
        position: 1n,
      });
    });

    it('fails against a head the auditor kept, though the exported heads sign the rewrite', () => {
      const report = verify(rewritten, headsOver(rewritten, [20]), headsOver(ledger, [8]));
      expect(report.failure).toMatchObject({
        reason: 'inconsistent_with_trusted_head',
        position: 1n,
      });
      expect(report.failure?.detail).toMatch(/positions 1\.\.8/);
    });
  });

  describe('with heads that do not verify', () => {
    it('refuses a head signed by another key', () => {
      const failure = verify(ledger, headsOver(ledger, [20], stranger.privateKey)).failure;
      expect(failure).toMatchObject({ reason: 'bad_signature' });
      expect(failure?.detail).toMatch(/signature does not match/);
    });

    it('refuses a head whose size was changed after signing', () => {
      const [head] = headsOver(ledger, [12]);
      expect(verify(ledger, [{ ...head, treeSize: 11n }]).failure?.reason).toBe('bad_signature');
    });
  });

  it('accepts an untouched ledger for every set of heads, and rejects any one changed event', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { maxLength: 5 }),
        fc.integer({ min: 0, max: 19 }),
        (sizes, changed) => {
          const heads = headsOver(ledger, sizes);
          expect(verify(ledger, heads).ok).toBe(true);
          const events = [...ledger];
          events[changed] = { ...events[changed], causationId: 'forged' };
          expect(verify(events, heads).failure).toMatchObject({
            reason: 'hash_mismatch',
            position: BigInt(changed + 1),
          });
        },
      ),
      { numRuns: 50 },
    );
  });
});
