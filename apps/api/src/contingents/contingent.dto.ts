import {
  EVALUATION_RATINGS,
  NOTIFICATION_CHANNELS,
  UNIT_TYPES,
  WITHDRAWAL_BY,
  type EvaluationRating,
  type NotificationChannel,
  type SubjectDetails,
  type UnitType,
  type WithdrawalBy,
} from '@blue-ledger/domain';
import { Matches } from 'class-validator';
import {
  Count,
  Country,
  Instant,
  LINE,
  MissionCode,
  OneOf,
  PASSAGE,
  SubjectDetailsField,
  SubjectId,
  Text,
} from '../http/validators';
import { AsOfPageQuery } from '../as-of/as-of.query';

export class RegisterContingentDto {
  @Country({ example: 'ETH' })
  country!: string;
  @OneOf(UNIT_TYPES, { example: 'infantry_battalion' })
  unitType!: UnitType;
  @Text(LINE, { example: 'Ethiopian Battalion (ETHBATT)' })
  designation!: string;
  @MissionCode({ example: 'UNMISS' })
  missionCode!: string;
  @Text(LINE, { optional: true, example: 'Sector North' })
  sector?: string;
  @Count({ optional: true, example: 850 })
  strength?: number;
  @Instant({
    optional: true,
    description: 'When the unit deployed, where known: its strength is counted from then on',
  })
  deployedAt?: string;
}

export class WithdrawContingentDto {
  @Instant({ example: '2016-11-09T00:00:00+03:00' })
  at!: string;
  @OneOf(WITHDRAWAL_BY, { example: 'contributing_country' })
  by!: WithdrawalBy;
  @Text(PASSAGE, { example: 'In protest at the dismissal of its national, the force commander' })
  reason!: string;
}

export class ReturnContingentDto {
  @Instant({ example: '2017-01-29T00:00:00+03:00' })
  at!: string;
  @Count({
    optional: true,
    description: 'The strength it returns at; the one it left with if not given',
  })
  strength?: number;
}

export class RotateContingentDto {
  @Instant()
  startedAt!: string;
  @Count({ optional: true })
  strength?: number;
  @SubjectId({ optional: true, description: 'The new commander, as a data subject' })
  commanderSubjectId?: string;
  @SubjectDetailsField({
    optional: true,
    description: "The commander's personal details (kept apart, encryptable)",
  })
  commanderDetails?: SubjectDetails;
}

export class ReHatContingentDto {
  @Text(LINE, { example: 'MISCA (African Union)' })
  fromOperation!: string;
  @MissionCode({ example: 'MINUSCA' })
  toMissionCode!: string;
  @Instant({ example: '2014-09-15T00:00:00Z' })
  at!: string;
}

export class EvaluateContingentDto {
  @Instant()
  evaluatedAt!: string;
  @OneOf(EVALUATION_RATINGS)
  rating!: EvaluationRating;
  @Text(PASSAGE)
  summary!: string;
}

export class CommendContingentDto {
  @Instant()
  at!: string;
  @Text(PASSAGE)
  citation!: string;
}

export class NotifyTccDto {
  @Matches(/^(incident|investigation|decision)-[0-9a-f-]{36}$/, {
    message: 'subjectStreamId must be an incident-, investigation- or decision- stream id',
  })
  @Text(LINE, { example: 'investigation-0190d5a4-7c1e-7b3a-9f0e-0a1b2c3d4e5f' })
  subjectStreamId!: string;
  @Instant()
  notifiedAt!: string;
  @OneOf(NOTIFICATION_CHANNELS)
  channel!: NotificationChannel;
}

export class RecordTccResponseDto {
  @Text(PASSAGE)
  statement!: string;
  @Text(LINE, { description: 'The id of the notification this reply answers' })
  regarding!: string;
  @Instant({ optional: true })
  respondedAt?: string;
}

export class ContingentListQuery extends AsOfPageQuery {
  @Country({ optional: true })
  country?: string;
  @MissionCode({ optional: true })
  mission?: string;
}
