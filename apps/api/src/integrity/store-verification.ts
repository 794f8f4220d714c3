import type { EventStore } from '@blue-ledger/event-store';
import {
  feedStore,
  LedgerVerifier,
  type LedgerVerificationReport,
  type SignedTreeHead,
} from '@blue-ledger/integrity';
import type { Notary } from '@blue-ledger/projections';

const PAGE = 1000;

/**
 * Verifies the store as it is now against every head the notary signed (and the heads the
 * caller kept): the same checks as `ledger verify` on an export. The heads are read first, so
 * every one of them covers events the store already held. The events' hashes are recomputed on
 * hashing threads (see feedStore) while this thread checks them in order, and lets other
 * requests in between runs of them: a large store takes seconds.
 */
export async function verifyStore(
  store: EventStore,
  notary: Notary,
  trustedHeads: readonly SignedTreeHead[],
): Promise<LedgerVerificationReport> {
  const verifier = new LedgerVerifier(notary.publicKey);
  for (let page = notary.heads(0, PAGE); page.length > 0;) {
    page.forEach(({ id, head }) => verifier.addHead(head, { label: `signed head #${id}` }));
    page = notary.heads(page[page.length - 1].id, PAGE);
  }
  trustedHeads.forEach((head) => verifier.addHead(head, { trusted: true }));
  await feedStore(verifier, store, {
    pageSize: PAGE,
    onProgress: () => new Promise((resolve) => setImmediate(resolve)),
  });
  return verifier.finish();
}
