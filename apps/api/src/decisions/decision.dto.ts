import {
  DECISION_OUTCOMES,
  DECISION_SCOPES,
  type DecisionOutcome,
  type DecisionScope,
} from '@blue-ledger/domain';
import { Id, Instant, LINE, OneOf, PASSAGE, SubjectIdList, Text } from '../http/validators';

export class DecideRepatriationDto {
  @Id({
    optional: true,
    description: 'The recommendation this decision answers, where there is one',
  })
  recommendationId?: string;
  @Id()
  contingentId!: string;
  @OneOf(DECISION_SCOPES)
  scope!: DecisionScope;
  @OneOf(DECISION_OUTCOMES)
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
