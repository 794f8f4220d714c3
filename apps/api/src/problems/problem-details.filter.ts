import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { NotAssignedError } from '@blue-ledger/command-handling';
import { DomainError } from '@blue-ledger/domain';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  isConnectionFailure,
  WrongExpectedRevisionError,
} from '@blue-ledger/event-store';
import type { Request, Response } from 'express';
import { FieldError, ProblemException } from './problem.exception';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable by the rules of the ledger',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  extensions?: Record<string, unknown>;
}

/** Field errors listed in one problem; the rest are counted in `errorsOmitted`. */
export const MAX_LISTED_ERRORS = 20;
/** Seconds a client should wait before retrying while the store cannot be reached. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;
/** Characters of `detail`; a longer one is cut with an ellipsis. */
const MAX_DETAIL = 2000;

/** The one place where errors become HTTP: every error answers as application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const problem = toProblem(exception, this.logger);
    const body: Record<string, unknown> = {
      ...problem.extensions,
      type: `urn:blue-ledger:problem:${problem.code}`,
      title: TITLES[problem.status] ?? 'Error',
      status: problem.status,
      detail:
        problem.detail.length > MAX_DETAIL
          ? `${problem.detail.slice(0, MAX_DETAIL)}…`
          : problem.detail,
      instance: request.originalUrl,
    };
    if (problem.errors?.length) {
      body.field = problem.errors[0].field;
      body.errors = problem.errors.slice(0, MAX_LISTED_ERRORS);
      if (problem.errors.length > MAX_LISTED_ERRORS) {
        body.errorsOmitted = problem.errors.length - MAX_LISTED_ERRORS;
      }
    }
    for (const [name, value] of Object.entries(problem.headers ?? {}))
      response.setHeader(name, value);
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
  }
}

/** An error as the problem+json the API answers (the web forms show the same reasons). */
export function toProblem(exception: unknown, logger: Logger = new Logger('Problem')): Problem {
  if (exception instanceof ProblemException) {
    const { code, detail, errors, headers, extensions } = exception;
    return { status: exception.getStatus(), code, detail, errors, headers, extensions };
  }
  if (exception instanceof DomainError) {
    const errors = exception.field ? [{ field: exception.field, reason: exception.message }] : [];
    const status = exception.kind === 'not_found' ? 404 : 422;
    return { status, code: exception.code, detail: exception.message, errors };
  }
  if (exception instanceof NotAssignedError) {
    const { code, message, field } = exception;
    const errors = field ? [{ field, reason: 'not responsible for this incident' }] : [];
    return { status: 403, code, detail: message, errors };
  }
  if (exception instanceof WrongExpectedRevisionError) {
    return {
      status: 409,
      code: 'stale_revision',
      detail: `${exception.streamId} has moved on (now at revision ${String(exception.actual)}); read it again and retry.`,
    };
  }
  if (exception instanceof DuplicateEventIdError) {
    return { status: 409, code: 'duplicate_event', detail: exception.message };
  }
  if (exception instanceof EventStoreUnavailableError || isConnectionFailure(exception)) {
    // The outcome of a write is unknown: repeating it with the same Idempotency-Key is safe.
    logger.warn(exception instanceof Error ? exception.message : String(exception));
    return {
      status: 503,
      code: 'store_unavailable',
      detail:
        'The ledger cannot reach its store just now. Retry the request (with the same Idempotency-Key, if it carried one).',
      headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = status === 404 ? 'route_not_found' : `http_${status}`;
    return { status, code, detail: exception.message };
  }
  logger.error(
    exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
  );
  return {
    status: 500,
    code: 'internal_error',
    detail: 'The ledger could not complete the request.',
  };
}
