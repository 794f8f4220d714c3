import type { ChainLink } from '../../chain/chain-verifier';

/**
 * A run of consecutive events of the global order as a hashing thread gives them back: what
 * the chain checks need of each, its content hash recomputed (`safeHash`) and its Merkle leaf
 * (`eventLeafHash` of its recorded hash), packed in a few arrays that cross threads cheaply.
 */
export interface HashedEvents {
  count: number;
  positions: BigInt64Array;
  revisions: BigInt64Array;
  streamIds: string[];
  prevHashes: string[];
  hashes: string[];
  recomputedHashes: string[];
  /** `count` leaf hashes of 32 bytes, one after the other. */
  leafHashes: Uint8Array;
}

export function linkAt(events: HashedEvents, index: number): ChainLink {
  return {
    globalPosition: events.positions[index],
    streamId: events.streamIds[index],
    streamRevision: events.revisions[index],
    prevHash: events.prevHashes[index],
    hash: events.hashes[index],
  };
}

export function leafHashAt(events: HashedEvents, index: number): Uint8Array {
  return events.leafHashes.subarray(index * 32, (index + 1) * 32);
}
