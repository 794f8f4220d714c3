import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** A GET form sends its empty fields as `name=`: an empty field is no filter. */
const blankIsAbsent = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() === '' ? undefined : value,
  );

export const OptionalChoice = (values: readonly string[]) =>
  applyDecorators(
    blankIsAbsent(),
    IsOptional(),
    IsIn(values, { message: `$property must be one of: ${values.join(', ')}` }),
  );

export const OptionalText = (max: number) =>
  applyDecorators(blankIsAbsent(), IsOptional(), IsString(), MaxLength(max));

/** A day as a date field sends it: `2016-02-17`. */
export const OptionalDay = () =>
  applyDecorators(
    blankIsAbsent(),
    IsOptional(),
    IsString(),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date, e.g. 2016-02-17' }),
  );

export const OptionalPattern = (pattern: RegExp, message: string) =>
  applyDecorators(blankIsAbsent(), IsOptional(), IsString(), Matches(pattern, { message }));

export const OptionalCount = (max: number) =>
  applyDecorators(
    blankIsAbsent(),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );

/** The first instant of a day (UTC), or its last millisecond. */
export const startOfDay = (day: string | undefined) => (day ? `${day}T00:00:00.000Z` : undefined);
export const endOfDay = (day: string | undefined) => (day ? `${day}T23:59:59.999Z` : undefined);

/** The query string of a page's state, with the fields that are set, in a stable order. */
export function queryString(state: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * An instant, as a `datetime-local` field sends it (`2016-06-21T12:00`, read as UTC) or in
 * full ISO 8601 with its zone (`2016-06-21T12:00:00Z`, what the pages' own links carry).
 */
export const OptionalInstant = () =>
  applyDecorators(
    blankIsAbsent(),
    IsOptional(),
    IsString(),
    Matches(INSTANT, {
      message: '$property must be a date and time, e.g. 2016-06-21T12:00 (UTC)',
    }),
  );

/** The instant of an OptionalInstant field, in full ISO 8601 (UTC when it names no zone). */
export function instantOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The value a `datetime-local` field shows for an instant: its UTC date and time, to the millisecond. */
export function localFieldOf(iso: string | undefined): string {
  return iso ? new Date(iso).toISOString().slice(0, 23) : '';
}
