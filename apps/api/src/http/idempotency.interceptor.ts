import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { DomainError } from '@blue-ledger/domain';
import { IdSource } from '@blue-ledger/command-handling';
import { WrongExpectedRevisionError } from '@blue-ledger/event-store';
import type { Response } from 'express';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { ProblemException } from '../problems/problem.exception';
import type { LedgerRequest } from './command-context.decorator';
import { IDEMPOTENCY_SECRET, requestHash as hashOf, subjectIdsIn } from './idempotency-secret';
import { FORGOTTEN, IDEMPOTENCY_KEYS, type IdempotencyKeys } from './idempotency.store';

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key`: a retried request returns the first answer and appends nothing.
 * The key reserves a seed for the command's ids before anything is written, so even a retry
 * after a crash between append and answer finds its own events and answers as the first did.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly inFlight = new Set<string>();

  constructor(
    @Inject(IDEMPOTENCY_KEYS) private readonly store: IdempotencyKeys,
    @Inject(IDEMPOTENCY_SECRET) private readonly secret: Buffer,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<LedgerRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new ProblemException(
        400,
        'invalid_idempotency_key',
        'Idempotency-Key must be 1-255 visible ASCII characters.',
        [{ field: 'Idempotency-Key', reason: 'invalid characters or length' }],
      );
    }
    const principalId = request.principal?.id ?? '';
    const slot = `${principalId}\u0000${key}`;
    const requestHash = hashOf(this.secret, request.method, request.originalUrl, request.body);

    return from(this.reserve(principalId, key, requestHash, request.body)).pipe(
      mergeMap((reserved) => {
        if ('replay' in reserved) {
          const response = context.switchToHttp().getResponse<Response>();
          response.status(reserved.replay.status).setHeader('Idempotent-Replayed', 'true');
          return of(JSON.parse(reserved.replay.body ?? 'null'));
        }
        if (this.inFlight.has(slot)) {
          throw new ProblemException(
            409,
            'idempotency_key_in_flight',
            'A request with this Idempotency-Key is still being processed.',
          );
        }
        this.inFlight.add(slot);
        request.ids = IdSource.seeded(reserved.seed.msecs, reserved.seed.secret);
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            const status = context.switchToHttp().getResponse<Response>().statusCode;
            try {
              await this.store.complete(principalId, key, status, body);
            } finally {
              this.inFlight.delete(slot);
            }
            return body;
          }),
          catchError((error: unknown) => {
            this.inFlight.delete(slot);
            if (!nothingWasWritten(error)) return throwError(() => error);
            // A release that fails (the database went away) leaves a reservation without an
            // answer: a retry with the key runs again with the same ids, which is as safe.
            const released = (async () => this.store.release(principalId, key))().catch(
              () => undefined,
            );
            return from(released).pipe(mergeMap(() => throwError(() => error)));
          }),
        );
      }),
    );
  }

  /**
   * The first answer to replay, or the seed of the ids for this request: a new reservation, or
   * the one that stands (a retry after a crash, or the same request running on another
   * instance: the same ids, so the store appends its events once).
   */
  private async reserve(
    principalId: string,
    key: string,
    requestHash: string,
    body: unknown,
  ): Promise<
    | { replay: { status: number; body: string | null } }
    | { seed: { msecs: number; secret: string } }
  > {
    let existing = await this.store.find(principalId, key);
    if (!existing) {
      const seed = IdSource.newSeed();
      existing = await this.store.reserve(principalId, key, requestHash, seed, subjectIdsIn(body));
    }
    if (existing.requestHash === FORGOTTEN) {
      // The same answer whatever the body: a replay must not tell a right guess from a wrong one.
      throw new ProblemException(
        422,
        'idempotency_key_forgotten',
        'This Idempotency-Key was used for a request the ledger no longer remembers (a subject it named was erased); use a new key.',
        [{ field: 'Idempotency-Key', reason: 'forgotten' }],
      );
    }
    if (existing.requestHash !== requestHash) {
      throw new ProblemException(
        422,
        'idempotency_key_reused',
        'This Idempotency-Key was used for a different request.',
        [{ field: 'Idempotency-Key', reason: 'already used for another request' }],
      );
    }
    if (existing.status != null)
      return { replay: { status: existing.status, body: existing.body } };
    return { seed: { msecs: existing.seedMsecs, secret: existing.seedSecret } };
  }
}

/** Refusals happen before the append; only an unexpected failure may leave a write behind. */
function nothingWasWritten(error: unknown): boolean {
  return (
    error instanceof DomainError ||
    error instanceof WrongExpectedRevisionError ||
    (error instanceof HttpException && error.getStatus() < 500)
  );
}
