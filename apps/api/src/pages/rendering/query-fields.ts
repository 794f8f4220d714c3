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
