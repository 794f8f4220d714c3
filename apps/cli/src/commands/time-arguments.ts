import { InvalidArgumentError } from 'commander';
import { isIsoInstant } from '@blue-ledger/domain';

/**
 * Option parsers for commander, for the options that take an instant: a value that does not
 * parse is bad usage, which commander reports on stderr naming the option and its value, and
 * `ledger` answers with exit code 2. The forms are the ones the API takes for the same fields.
 */
const INSTANT_FORM =
  'an ISO 8601 instant with its zone is needed, e.g. 2016-07-10T18:30:00Z or 2016-07-10T21:30:00+03:00.';

/** An instant with its zone (`--as-of`): what `asOf` takes over HTTP. */
export function instantArgument(value: string): string {
  if (!isIsoInstant(value)) throw new InvalidArgumentError(INSTANT_FORM);
  return value;
}

/** A day (YYYY-MM-DD, its start in UTC) or an instant with its zone (`--from`, `--to`). */
export function dayOrInstantArgument(value: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (day ? !isIsoInstant(`${value}T00:00:00Z`) : !isIsoInstant(value)) {
    throw new InvalidArgumentError(
      'a date (YYYY-MM-DD) or an ISO 8601 instant with its zone is needed, e.g. 2014-01-01 or 2014-01-01T00:00:00Z.',
    );
  }
  return value;
}
