import type {
  AppointmentLocator,
  PendingConsequenceLocator,
  RecommendationLocator,
} from '@blue-ledger/command-handling';
import type { EventStore } from '@blue-ledger/event-store';
import {
  decisionsAwaitingConsequence,
  findAppointmentMission,
  findRecommendation,
} from '@blue-ledger/projections';
import type { Database } from 'better-sqlite3';
import type { ReadModelProgress } from './read-model-progress';

/**
 * Looks recommendations, leaders' appointments and decisions awaiting their consequence up in
 * the read models, once they have caught up with the store's head.
 */
export class SqliteRecommendationLocator
  implements RecommendationLocator, AppointmentLocator, PendingConsequenceLocator
{
  constructor(
    private readonly db: Database,
    private readonly progress: ReadModelProgress,
    private readonly store: EventStore,
  ) {}

  async investigationOf(recommendationId: string): Promise<string | undefined> {
    await this.caughtUp();
    return findRecommendation(this.db, recommendationId)?.investigationId;
  }

  async missionOf(appointmentId: string): Promise<string | undefined> {
    await this.caughtUp();
    return findAppointmentMission(this.db, appointmentId) ?? undefined;
  }

  async decisionsAwaitingConsequence(): Promise<string[]> {
    await this.caughtUp();
    return decisionsAwaitingConsequence(this.db);
  }

  private async caughtUp(): Promise<void> {
    const head = await this.store.headPosition();
    if (head !== null) await this.progress.waitFor(head, 30_000);
  }
}
