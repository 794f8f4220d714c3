import type { RecommendationLocator } from '@blue-ledger/command-handling';
import type { EventStore } from '@blue-ledger/event-store';
import { findRecommendation } from '@blue-ledger/projections';
import type { Database } from 'better-sqlite3';
import type { ReadModelProgress } from './read-model-progress';

/** Looks the recommendation up in the read model once it has caught up with the store's head. */
export class SqliteRecommendationLocator implements RecommendationLocator {
  constructor(
    private readonly db: Database,
    private readonly progress: ReadModelProgress,
    private readonly store: EventStore,
  ) {}

  async investigationOf(recommendationId: string): Promise<string | undefined> {
    const head = await this.store.headPosition();
    if (head !== null) await this.progress.waitFor(head, 30_000);
    return findRecommendation(this.db, recommendationId)?.investigationId;
  }
}
