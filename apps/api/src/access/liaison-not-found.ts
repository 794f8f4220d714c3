import { HttpException } from '@nestjs/common';
import { DomainError } from '@blue-ledger/domain';
import { ProblemException } from '../problems/problem.exception';

/**
 * What a contributing country's liaison is told of anything it may not see and of anything that
 * does not exist: one answer, the same status, type and detail, so that asking is no oracle of
 * what other countries' records hold.
 */
export const liaisonNotFound = (): ProblemException =>
  new ProblemException(
    404,
    'not_found',
    'Nothing with this id concerns your country, or nothing with this id exists.',
  );

/** Errors that say "unknown" or "not yours": both become `liaisonNotFound` for a liaison. */
export function isNotFoundOrNotYours(error: unknown): boolean {
  if (error instanceof ProblemException) {
    return error.getStatus() === 404 || error.code === 'other_country';
  }
  if (error instanceof DomainError) return error.kind === 'not_found';
  return error instanceof HttpException && error.getStatus() === 404;
}
