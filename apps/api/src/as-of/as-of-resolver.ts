import { Inject, Injectable } from '@nestjs/common';
import { resolveAsOf } from '@blue-ledger/projections';
import { READ_MODEL_PROGRESS, READ_MODELS, type ReadModelProgress } from '@blue-ledger/runtime';
import type { Database } from 'better-sqlite3';
import { ProblemException } from '../problems/problem.exception';
import { NOW, type ReadPoint } from './read-point';

/**
 * Resolves the `asOf` of a request, an instant of recorded time, to the position of the global
 * order it stands for: the last event recorded at or before it among those every read model
 * has applied (resolveAsOf). An instant in the future stands for the read models' head, one
 * before the first event for the empty record: both are answers, not errors.
 */
@Injectable()
export class AsOfResolver {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    @Inject(READ_MODEL_PROGRESS) private readonly progress: ReadModelProgress,
  ) {}

  resolve(asOf: string | undefined): ReadPoint {
    if (asOf === undefined) return NOW;
    try {
      return resolveAsOf(this.db, asOf, this.progress.position());
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new ProblemException(400, 'validation_failed', `asOf: ${error.message}`, [
        { field: 'asOf', reason: 'must be an ISO 8601 instant with a time zone' },
      ]);
    }
  }
}
