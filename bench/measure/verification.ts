import type { EventStore, RecordedEvent } from '@blue-ledger/event-store';
import {
  canonicalEventJson,
  ChainVerifier,
  eventLeafHash,
  MerkleTree,
} from '@blue-ledger/integrity';
import { createHash } from 'node:crypto';
import { secondsSince } from './timing';

const PAGE = 10_000;
const LEAF = Buffer.alloc(33);
const NODE = Buffer.alloc(65);

export interface VerificationRun {
  events: number;
  ok: boolean;
  verifySeconds: number;
  rawSeconds: number;
  /** Threads that hashed the events (1: the calling thread alone). */
  workers: number;
}

/**
 * Full verification (every hash chain recomputed and linked, every event hash appended to the
 * Merkle log) against raw SHA-256 over the same bytes: each event's canonical encoding, a leaf
 * input and a node input per event. Both run on the same pages of events already read, so
 * reading from SQLite counts for neither.
 */
export async function measureVerification(store: EventStore): Promise<VerificationRun> {
  const verifier = new ChainVerifier();
  const tree = new MerkleTree();
  let verifyNs = 0n;
  let rawNs = 0n;
  let events = 0;
  let from: bigint | 'start' = 'start';
  for (;;) {
    const page = await store.readAll({ fromPosition: from, maxCount: PAGE });
    const bytes = page.map((event) => Buffer.from(canonicalEventJson(event), 'utf8'));
    rawNs += timed(() => rawSha256(bytes));
    verifyNs += timed(() => verify(page, verifier, tree));
    events += page.length;
    if (page.length < PAGE) break;
    from = page[page.length - 1].globalPosition + 1n;
  }
  return {
    events,
    ok: verifier.result().ok && tree.size === BigInt(events),
    verifySeconds: Number(verifyNs) / 1e9,
    rawSeconds: Number(rawNs) / 1e9,
    workers: 1,
  };
}

function verify(page: RecordedEvent[], verifier: ChainVerifier, tree: MerkleTree): void {
  for (const event of page) {
    verifier.add(event);
    tree.appendLeafHash(eventLeafHash(event.hash));
  }
}

function rawSha256(bytes: Buffer[]): void {
  for (const encoded of bytes) {
    createHash('sha256').update(encoded).digest();
    createHash('sha256').update(LEAF).digest();
    createHash('sha256').update(NODE).digest();
  }
}

function timed(work: () => void): bigint {
  const start = process.hrtime.bigint();
  work();
  return BigInt(Math.round(secondsSince(start) * 1e9));
}
