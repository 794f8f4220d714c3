import {
  DECISION_OUTCOMES,
  DECISION_SCOPES,
  type DecisionOutcome,
  type DecisionScope,
} from '@blue-ledger/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID, ValidateIf } from 'class-validator';
import { Id, Instant, LINE, OneOf, PASSAGE, SubjectIdList, Text } from '../http/validators';

/** A UUID required when `required` says so of the body, checked whenever it is given. */
const IdRequiredWhen = (
  required: (body: DecideRepatriationDto) => boolean,
  field: 'contingentId' | 'appointmentId',
  description: string,
) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, format: 'uuid', description }),
    ValidateIf((body: DecideRepatriationDto) => required(body) || body[field] !== undefined),
    IsUUID('all', { message: '$property must be a UUID' }),
  );

export class DecideRepatriationDto {
  @Id({
    optional: true,
    description: 'The recommendation this decision answers, where there is one',
  })
  recommendationId?: string;
  @IdRequiredWhen(
    (body) => body.scope !== 'leader',
    'contingentId',
    'The unit: required unless the scope is leader',
  )
  contingentId?: string;
  @IdRequiredWhen(
    (body) => body.scope === 'leader',
    'appointmentId',
    "The leader's appointment: required with scope leader",
  )
  appointmentId?: string;
  @OneOf(DECISION_SCOPES, { description: 'unit, commander, individuals; or leader' })
  scope!: DecisionScope;
  @OneOf(DECISION_OUTCOMES, {
    description: 'repatriate, retain or defer; with scope leader: relieve, retain or defer',
  })
  outcome!: DecisionOutcome;
  @Text(LINE, { example: 'Under-Secretary-General for Peace Operations' })
  authority!: string;
  @Text(PASSAGE)
  rationale!: string;
  @Text(PASSAGE, {
    optional: true,
    description: 'Required to retain or defer against a recommendation to repatriate',
  })
  reasonForDeviation?: string;
  @SubjectIdList({ optional: true, description: 'With scope commander or individuals' })
  subjectIds?: string[];
  @Instant({ optional: true, description: 'Defaults to now' })
  decidedAt?: string;
}

export class ImplementRepatriationDto {
  @Instant()
  implementedAt!: string;
  @Text(PASSAGE, { optional: true })
  note?: string;
}
