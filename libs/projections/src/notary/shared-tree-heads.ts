import type { SignedTreeHead } from '@blue-ledger/integrity';
import type { NotarizedHead } from './notary-records';

/** The head a notary asks to append, or null to append nothing. */
export type HeadToAppend = { head: SignedTreeHead; lastPosition: bigint | null } | null;

/**
 * One sequence of signed tree heads shared by every notary over the same log (several API
 * instances on one PostgreSQL database). Ids are 1, 2, 3... with no gap; tree sizes never go
 * down; appending is serialised across processes.
 */
export interface SharedTreeHeads {
  /** Heads after the one with id `afterId`, in id order. */
  headsAfter(afterId: number, limit: number): Promise<NotarizedHead[]>;
  /**
   * Under a lock held across processes: `sign` is given the latest head of the sequence and
   * answers the head to append after it (or null). Answers the head appended, or null.
   * A head smaller than the latest is refused (RangeError).
   */
  append(sign: (latest: NotarizedHead | null) => HeadToAppend): Promise<NotarizedHead | null>;
  /**
   * While the sequence is still empty, takes `heads` (a notary's own, signed before the heads
   * were shared: an upgraded deployment) as its beginning, ids and all, so that no signed head
   * is lost. Answers whether it took them; a sequence that has begun is left as it is.
   */
  adopt(heads: readonly NotarizedHead[]): Promise<boolean>;
}
