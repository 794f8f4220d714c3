import { applyDecorators } from '@nestjs/common';
import { isSubjectId, SUBJECT_ID_PATTERN, SUBJECT_ID_RULE } from '@blue-ledger/access';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  IsInt,
  Max,
  Min,
  ValidateBy,
  Matches,
  MaxLength,
} from 'class-validator';

/** Limits on free text: a line (names, titles) and a passage (statements, summaries). */
export const LINE = 200;
export const PASSAGE = 20_000;
export const MAX_ITEMS = 200;

type Opt = { optional?: boolean; description?: string; example?: unknown };

const doc = (o: Opt, extra: Record<string, unknown>) =>
  o.optional
    ? ApiPropertyOptional({ description: o.description, example: o.example, ...extra })
    : ApiProperty({ description: o.description, example: o.example, ...extra });

const presence = (o: Opt) => (o.optional ? [IsOptional()] : []);

export const Text = (max: number, o: Opt = {}) =>
  applyDecorators(
    doc(o, { type: String, maxLength: max }),
    ...presence(o),
    IsString(),
    IsNotEmpty(),
    MaxLength(max),
  );

/** An ISO 8601 instant with a zone, e.g. 2016-02-17T22:00:00Z. */
export const Instant = (o: Opt = {}) =>
  applyDecorators(
    doc(o, { type: String, format: 'date-time', example: o.example ?? '2016-02-17T22:00:00Z' }),
    ...presence(o),
    IsString(),
    IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 time' }),
    Matches(/(Z|[+-]\d{2}:?\d{2})$/, { message: '$property must carry a time zone (Z or ±hh:mm)' }),
  );

/** A bound of a period: a date (its first instant, UTC) or an instant with its zone. */
export const PeriodBound = (o: Opt = {}) =>
  applyDecorators(
    doc(o, { type: String, example: o.example ?? '2014-01-01' }),
    ...presence(o),
    IsString(),
    IsISO8601({ strict: true }, { message: '$property must be a date or an ISO 8601 time' }),
    Matches(/^\d{4}-\d{2}-\d{2}$|(Z|[+-]\d{2}:?\d{2})$/, {
      message: '$property must be a date (YYYY-MM-DD) or a time with its zone (Z or ±hh:mm)',
    }),
  );

export const Country = (o: Opt = {}) =>
  applyDecorators(
    doc(o, { type: String, example: o.example ?? 'NPL', pattern: '^[A-Z]{3}$' }),
    ...presence(o),
    IsString(),
    Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 3166-1 alpha-3 code' }),
  );

export const MissionCode = (o: Opt = {}) =>
  applyDecorators(
    doc(o, { type: String, example: o.example ?? 'UNMISS', pattern: '^[A-Z0-9-]{2,20}$' }),
    ...presence(o),
    IsString(),
    Matches(/^[A-Z0-9-]{2,20}$/, { message: '$property must be an upper-case mission code' }),
  );

export const Id = (o: Opt = {}) =>
  applyDecorators(
    doc(o, { type: String, format: 'uuid' }),
    ...presence(o),
    IsUUID('all', { message: '$property must be a UUID' }),
  );

export const IdList = (o: Opt & { min?: number } = {}) =>
  applyDecorators(
    doc(o, { type: [String], format: 'uuid' }),
    ...presence(o),
    IsArray(),
    ArrayMaxSize(MAX_ITEMS),
    IsUUID('all', { each: true, message: 'each of $property must be a UUID' }),
  );

export const TextList = (max: number, o: Opt = {}) =>
  applyDecorators(
    doc(o, { type: [String] }),
    ...presence(o),
    IsArray(),
    ArrayMaxSize(MAX_ITEMS),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(max, { each: true }),
  );

export const OneOf = (values: readonly string[], o: Opt = {}) =>
  applyDecorators(
    doc(o, { enum: values }),
    ...presence(o),
    IsIn(values as string[], { message: `$property must be one of: ${values.join(', ')}` }),
  );

export const Sha256 = (o: Opt = {}) =>
  applyDecorators(
    doc(o, { type: String, pattern: '^[0-9a-fA-F]{64}$' }),
    ...presence(o),
    IsString(),
    Matches(/^[0-9a-fA-F]{64}$/, { message: '$property must be a SHA-256 in hex (64 characters)' }),
  );

/** Personal details of one subject: a few short string fields, kept apart for encryption. */
export const SubjectDetailsField = (o: Opt = {}) =>
  applyDecorators(
    doc(o, {
      type: 'object',
      additionalProperties: { type: 'string', maxLength: 2000 },
      example: { name: 'Lt Col ...', rank: 'lieutenant_colonel' },
    }),
    ...presence(o),
    ValidateBy({
      name: 'isSubjectDetails',
      validator: {
        validate: (value: unknown) => isSubjectDetails(value),
        defaultMessage: () =>
          '$property must be an object of at most 30 string fields (names [A-Za-z_][A-Za-z0-9_]*, values up to 2000 characters)',
      },
    }),
  );

export function isSubjectDetails(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 &&
    entries.length <= 30 &&
    entries.every(
      ([key, field]) =>
        /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key) &&
        typeof field === 'string' &&
        field.length <= 2000,
    )
  );
}

const subjectIdRule = (each: boolean) =>
  ValidateBy(
    {
      name: 'isSubjectId',
      validator: {
        validate: (value: unknown) => isSubjectId(value),
        defaultMessage: () =>
          `${each ? 'each of ' : ''}$property must be a subject id: ${SUBJECT_ID_RULE}`,
      },
    },
    { each },
  );

/** A data subject's id: opaque, chosen by the investigators' case system or generated. */
export const SubjectId = (o: Opt = {}) =>
  applyDecorators(
    doc(o, {
      type: String,
      pattern: SUBJECT_ID_PATTERN.source,
      example: o.example ?? 'subject-7f3c',
    }),
    ...presence(o),
    IsString(),
    subjectIdRule(false),
  );

export const SubjectIdList = (o: Opt = {}) =>
  applyDecorators(
    doc(o, { type: [String], items: { type: 'string', pattern: SUBJECT_ID_PATTERN.source } }),
    ...presence(o),
    IsArray(),
    ArrayMaxSize(MAX_ITEMS),
    IsString({ each: true }),
    subjectIdRule(true),
  );

export const Count = (o: Opt = {}) =>
  applyDecorators(
    doc(o, { type: Number, minimum: 0 }),
    ...presence(o),
    IsInt(),
    Min(0),
    Max(10_000_000),
  );
