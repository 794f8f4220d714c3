import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { IdSource, type CommandContext } from '@blue-ledger/command-handling';
import { v7 as uuidv7 } from 'uuid';
import type { AuthenticatedRequest } from '../auth/principal';
import { ProblemException } from '../problems/problem.exception';

export interface LedgerRequest extends AuthenticatedRequest {
  /** Set by the idempotency interceptor when the request carries an Idempotency-Key. */
  ids?: IdSource;
  requestId?: string;
}

/** `If-Match: 3` or `If-Match: "3"`: the write is conditional on that revision. */
export function parseIfMatch(header: string | undefined): bigint | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,18})"?$/.exec(header.trim());
  if (!match) {
    throw new ProblemException(
      400,
      'invalid_if_match',
      'If-Match must be a stream revision, e.g. "3".',
      [{ field: 'If-Match', reason: 'must be a non-negative integer revision' }],
    );
  }
  return BigInt(match[1]);
}

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function commandContextOf(request: LedgerRequest): CommandContext {
  const principal = request.principal;
  if (!principal)
    throw new ProblemException(401, 'unauthenticated', 'No principal on the request.');
  const requestId = (request.requestId ??= uuidv7());
  const correlation = request.headers['x-correlation-id'];
  if (
    correlation !== undefined &&
    (typeof correlation !== 'string' || !CORRELATION_ID.test(correlation))
  ) {
    throw new ProblemException(
      400,
      'invalid_correlation_id',
      'X-Correlation-Id must be 1-128 characters of [A-Za-z0-9._:-].',
      [{ field: 'X-Correlation-Id', reason: 'invalid characters or length' }],
    );
  }
  return {
    actor: { id: principal.id, role: principal.actingRole },
    now: new Date().toISOString(),
    correlationId: typeof correlation === 'string' ? correlation : requestId,
    causationId: requestId,
    ids: request.ids ?? IdSource.random(),
    expectedRevision: parseIfMatch(request.headers['if-match']),
  };
}

/** The command context of the request: actor, clock, correlation, ids, If-Match. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext) =>
  commandContextOf(context.switchToHttp().getRequest<LedgerRequest>()),
);
