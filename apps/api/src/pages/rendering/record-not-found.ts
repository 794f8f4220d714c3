import { ProblemException } from '../../problems/problem.exception';

/** A record's id in a page's address: a UUID, as the JSON API's path ids; nothing else is read. */
export const RECORD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A record page's 404, one answer for "does not exist", "not yours" and "not yet as known at
 * `asOf`": `There is no <what> that you may see[ as known at <asOf>].`
 */
export function recordNotFound(what: string, asOf: string | null | undefined): ProblemException {
  const when = asOf ? ` as known at ${asOf}` : '';
  return new ProblemException(404, 'not_found', `There is no ${what} that you may see${when}.`);
}
