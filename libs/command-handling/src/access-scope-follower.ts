import { AccessScope, SCOPE_EVENT_TYPES } from '@blue-ledger/access';
import { upcast } from '@blue-ledger/domain';
import type { EventStore } from '@blue-ledger/event-store';
import type { InvestigationCoverage } from './checks/investigator-assignment';

const BATCH = 5000;

/**
 * The access scope (assignments, which unit is whose, what is about which unit), kept in
 * memory and brought up to the store's head before each use by reading only the events it
 * folds. It follows the store itself, so it is as fresh as the write a request just made, on
 * every store alike. One per process: the write path's checks and the read side share it.
 */
export class AccessScopeFollower implements InvestigationCoverage {
  private readonly scope = new AccessScope();
  /** The last event folded: on EventStoreDB only real event positions are valid cursors. */
  private lastPosition: bigint | null = null;
  private catchingUp: Promise<void> = Promise.resolve();

  constructor(private readonly store: EventStore) {}

  async current(): Promise<AccessScope> {
    this.catchingUp = this.catchingUp.catch(() => undefined).then(() => this.catchUp());
    await this.catchingUp;
    return this.scope;
  }

  async investigatorsCovering(incidentId: string): Promise<readonly string[]> {
    const scope = await this.current();
    return scope
      .investigationsOf(incidentId)
      .flatMap((investigationId) => [...(scope.investigators.get(investigationId) ?? [])]);
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const from = this.lastPosition;
      const events = await this.store.readAll({
        fromPosition: from ?? 'start',
        maxCount: BATCH,
        filter: { eventTypes: [...SCOPE_EVENT_TYPES] },
      });
      // The cursor is inclusive: the first event read again is the one folded last.
      const fresh = from === null ? events : events.filter((e) => e.globalPosition > from);
      for (const event of fresh) {
        const { type, data } = upcast(event);
        this.scope.apply({ type, data: data as Record<string, unknown> });
        this.lastPosition = event.globalPosition;
      }
      if (events.length < BATCH) return;
    }
  }
}
