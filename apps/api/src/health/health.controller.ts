import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '@blue-ledger/event-store';
import {
  LEDGER_CONFIG,
  type LedgerConfig,
  READ_MODEL_PROGRESS,
  type ReadModelProgress,
} from '@blue-ledger/runtime';
import { IntegrityWatch, type IntegrityStatus } from '../integrity/integrity-watch';
import { ProblemException } from '../problems/problem.exception';

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
      'With LEDGER_PROJECTIONS=external a write answers before the projector has applied it, ' +
      'and another instance may not have applied it yet: send its `position` as ' +
      '`Ledger-Min-Position` on the next read, or poll until `readModels.position` reaches it.',
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

  /**
   * `/health` answers 200 while the process lives, whatever it found: one failed check must not
   * take every instance out of a load balancer. This is the probe to alert on.
   */
  @Get('integrity')
  @ApiOperation({
    summary: 'Whether the background verification found the record whole: 503 once it failed',
    description:
      '200 with the verification status while it is `verifying` or `ok`; 503 ' +
      '`integrity_failed`, with the position, stream and reason of the first failure, from the ' +
      'first failure on (until a restart verifies the store again). For monitoring and alerts; ' +
      'not a liveness probe.',
  })
  @ApiResponse({ status: 503, description: 'The background verification found a failure.' })
  integrityProbe(): IntegrityStatus {
    const integrity = this.integrity.status();
    if (integrity.status !== 'failed') return integrity;
    const { failure } = integrity;
    const where = failure?.position ? ` at position ${failure.position}` : '';
    const stream = failure?.streamId ? ` in ${failure.streamId}` : '';
    throw new ProblemException(
      503,
      'integrity_failed',
      `The background verification failed${where}${stream}: ${failure?.reason ?? 'unknown'}. ` +
        'The record may have been changed outside the ledger; see the log and ' +
        '`ledger verify` for the detail.',
      [],
      {},
      { integrity },
    );
  }
}
