import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@blue-ledger/event-store';
import { Public } from '../auth/roles.decorator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and the head of the global order' })
  async health() {
    const head = await this.store.headPosition();
    return { status: 'ok', headPosition: head === null ? null : Number(head) };
  }
}
