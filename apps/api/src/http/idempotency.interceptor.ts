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
import { catchError, Observable, of, tap, throwError } from 'rxjs';
import { ProblemException } from '../problems/problem.exception';
import type { LedgerRequest } from './command-context.decorator';
import { IDEMPOTENCY_SECRET, requestHash as hashOf, subjectIdsIn } from './idempotency-secret';
import { FORGOTTEN, IdempotencyStore } from './idempotency.store';

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
    private readonly store: IdempotencyStore,
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

    const existing = this.store.find(principalId, key);
    if (existing?.requestHash === FORGOTTEN) {
      // The same answer whatever the body: a replay must not tell a right guess from a wrong one.
      throw new ProblemException(
        422,
        'idempotency_key_forgotten',
        'This Idempotency-Key was used for a request the ledger no longer remembers (a subject it named was erased); use a new key.',
        [{ field: 'Idempotency-Key', reason: 'forgotten' }],
      );
    }
    if (existing && existing.requestHash !== requestHash) {
      throw new ProblemException(
        422,
        'idempotency_key_reused',
        'This Idempotency-Key was used for a different request.',
        [{ field: 'Idempotency-Key', reason: 'already used for another request' }],
      );
    }
    if (existing?.status != null) {
      const response = context.switchToHttp().getResponse<Response>();
      response.status(existing.status).setHeader('Idempotent-Replayed', 'true');
      return of(JSON.parse(existing.body ?? 'null'));
    }
    if (this.inFlight.has(slot)) {
      throw new ProblemException(
        409,
        'idempotency_key_in_flight',
        'A request with this Idempotency-Key is still being processed.',
      );
    }
    const seed = existing
      ? { msecs: existing.seedMsecs, secret: existing.seedSecret }
      : IdSource.newSeed();
    if (!existing) {
      this.store.reserve(principalId, key, requestHash, seed, subjectIdsIn(request.body));
    }
    this.inFlight.add(slot);
    request.ids = IdSource.seeded(seed.msecs, seed.secret);

    return next.handle().pipe(
      tap((body) => {
        const status = context.switchToHttp().getResponse<Response>().statusCode;
        this.store.complete(principalId, key, status, body);
        this.inFlight.delete(slot);
      }),
      catchError((error: unknown) => {
        this.inFlight.delete(slot);
        if (nothingWasWritten(error)) this.store.release(principalId, key);
        return throwError(() => error);
      }),
    );
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
