import type { EventStore } from '../../event-store.port';

/**
 * What each part of the contract suite gets from the suite: the store opened for the current
 * test and stream ids no other test (nor an earlier run against a shared server) uses.
 */
export interface ContractContext {
  store(): EventStore;
  /** A fresh stream id of the given category, unique to the current test. */
  streamId(category?: string): string;
  /** The prefix all stream ids of the current test start with. */
  scope(): string;
}
