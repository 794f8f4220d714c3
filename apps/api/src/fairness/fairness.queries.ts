import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { CellRef, FairnessQuery, VisibleOnly } from '@blue-ledger/projections';
import type { Database } from 'better-sqlite3';
import { LEDGER_CONFIG, READ_MODELS, type LedgerConfig } from '@blue-ledger/runtime';
import { asOfFields, clockOf, upToOf, type ReadPoint } from '../as-of/read-point';
import { readModels, type PageRequest } from '../infrastructure/read-models';

/** Who asks: a liaison's visibility and country, or nothing for a reader of all. */
export interface FairnessReader {
  visible?: VisibleOnly;
  country?: string;
}

export class FairnessFiguresQuery {
  constructor(
    readonly period: FairnessQuery,
    readonly reader: FairnessReader,
    readonly point: ReadPoint,
  ) {}
}

export class FairnessRecordsQuery {
  constructor(
    readonly period: FairnessQuery,
    readonly cell: CellRef,
    readonly page: PageRequest,
    readonly reader: FairnessReader,
    readonly point: ReadPoint,
  ) {}
}

@QueryHandler(FairnessFiguresQuery)
export class FairnessFiguresHandler implements IQueryHandler<FairnessFiguresQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}
  async execute({ period, reader, point }: FairnessFiguresQuery) {
    // As of T, the record as known then, with T as the clock of its deadlines.
    const answer = readModels.fairness(
      this.db,
      period,
      reader,
      this.config.deadlines,
      Date.parse(clockOf(point)),
      upToOf(point),
    );
    return { ...answer, ...asOfFields(point) };
  }
}

@QueryHandler(FairnessRecordsQuery)
export class FairnessRecordsHandler implements IQueryHandler<FairnessRecordsQuery> {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}
  async execute({ period, cell, page, reader, point }: FairnessRecordsQuery) {
    const records = readModels.fairnessRecords(
      this.db,
      period,
      cell,
      page,
      reader,
      this.config.deadlines,
      Date.parse(clockOf(point)),
      upToOf(point),
    );
    return { ...records, ...asOfFields(point) };
  }
}

export const FairnessQueryHandlers = [FairnessFiguresHandler, FairnessRecordsHandler];
