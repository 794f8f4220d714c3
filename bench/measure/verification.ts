import type { EventStore } from '@blue-ledger/event-store';
import {
  canonicalEventJson,
  defaultHashingThreads,
  feedStore,
  LedgerVerifier,
} from '@blue-ledger/integrity';
import { generateKeyPairSync, hash } from 'node:crypto';
import { secondsSince } from './timing';

const PAGE = 10_000;
const LEAF = Buffer.alloc(33);
const NODE = Buffer.alloc(65);

export interface VerificationRun {
  events: number;
  ok: boolean;
  verifySeconds: number;
  rawSeconds: number;
  /** Threads that hashed the events (besides the one that checks them in order). */
  workers: number;
  /** The same verification with no hashing thread, for comparison. */
  singleThreadSeconds: number;
}

/**
 * Full verification as `POST /integrity/verification` runs it (`feedStore` into a
 * `LedgerVerifier`: every event read, its content hash recomputed, every chain linked, every
 * leaf appended to the Merkle log and its root computed), end to end, reading included, on the
 * hashing threads it uses by default; against raw SHA-256 of the same bytes on one thread
 * (each event's canonical encoding, a leaf input and a node input, one-shot `crypto.hash`),
 * the bytes prepared beforehand, page by page, untimed.
 */
export async function measureVerification(store: EventStore): Promise<VerificationRun> {
  let rawNs = 0n;
  let events = 0;
  let from: bigint | 'start' = 'start';
  for (;;) {
    const page = await store.readAll({ fromPosition: from, maxCount: PAGE });
    const bytes = page.map((event) => Buffer.from(canonicalEventJson(event), 'utf8'));
    const start = process.hrtime.bigint();
    rawSha256(bytes);
    rawNs += process.hrtime.bigint() - start;
    events += page.length;
    if (page.length < PAGE) break;
    from = page[page.length - 1].globalPosition + 1n;
  }

  const publicKey = generateKeyPairSync('ed25519').publicKey;
  const verifyWith = async (threads: number) => {
    const verifier = new LedgerVerifier(publicKey);
    const start = process.hrtime.bigint();
    await feedStore(verifier, store, { threads });
    const report = verifier.finish();
    return { report, seconds: secondsSince(start) };
  };
  const workers = defaultHashingThreads();
  const single = await verifyWith(0);
  const parallel = await verifyWith(workers);
  return {
    events,
    ok: parallel.report.ok && parallel.report.checked.events === events,
    verifySeconds: parallel.seconds,
    rawSeconds: Number(rawNs) / 1e9,
    workers,
    singleThreadSeconds: single.seconds,
  };
}

function rawSha256(bytes: Buffer[]): void {
  for (const encoded of bytes) {
    hash('sha256', encoded, 'buffer');
    hash('sha256', LEAF, 'buffer');
    hash('sha256', NODE, 'buffer');
  }
}
