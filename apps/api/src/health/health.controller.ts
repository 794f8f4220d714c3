import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '@blue-ledger/event-store';
import {
  LEDGER_CONFIG,
  type LedgerConfig,
  READ_MODEL_PROGRESS,
  type ReadModelProgress,
} from '@blue-ledger/runtime';
import { IntegrityWatch } from '../integrity/integrity-watch';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(READ_MODEL_PROGRESS) private readonly readModels: ReadModelProgress,
    private readonly integrity: IntegrityWatch,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Liveness, the head of the global order, how far the read models have come, and the background verification of the store',
    description:
      'With LEDGER_PROJECTIONS=external a write answers before the projector has applied it: ' +
      'poll until `readModels.position` reaches the `position` of the write (or `caughtUp`).',
  })
  async health() {
    const head = await this.store.headPosition();
    const headPosition = head === null ? null : Number(head);
    const position = this.readModels.position();
    return {
      status: 'ok',
      headPosition,
      // The embedded store commits appends in groups: how many groups this process committed
      // and how many appends they held.
      ...(this.store instanceof SqliteEventStore && {
        groupCommits: this.store.groupCommitStats(),
      }),
      readModels: {
        projections: this.config.projections,
        position,
        caughtUp: headPosition === null || (position !== null && position >= headPosition),
      },
      integrity: this.integrity.status(),
    };
  }
}
