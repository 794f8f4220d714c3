import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Database } from 'better-sqlite3';
import { LEDGER_CONFIG, READ_MODELS, type LedgerConfig } from '@blue-ledger/runtime';
import { readModels } from '../infrastructure/read-models';

export class LeaderHistoryQuery {
  constructor(
    readonly missionCode: string,
    readonly appointmentId: string,
  ) {}
}

@QueryHandler(LeaderHistoryQuery)
export class LeaderHistoryHandler implements IQueryHandler<LeaderHistoryQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}
  async execute({ missionCode, appointmentId }: LeaderHistoryQuery) {
    return readModels.leaderHistory(this.db, missionCode, appointmentId, this.config.deadlines);
  }
}

export const MissionQueryHandlers = [LeaderHistoryHandler];
