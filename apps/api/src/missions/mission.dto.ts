import {
  DEPARTURE_REASONS,
  LEADER_ROLES,
  type DepartureReason,
  type LeaderRole,
  type SubjectDetails,
} from '@blue-ledger/domain';
import {
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

export class RegisterMissionDto {
  @MissionCode({ example: 'UNMISS' })
  code!: string;
  @Text(LINE, { example: 'United Nations Mission in South Sudan' })
  name!: string;
  @Country({ example: 'SSD' })
  hostCountry!: string;
}

export class AppointLeaderDto {
  @OneOf(LEADER_ROLES, { example: 'force_commander' })
  role!: LeaderRole;
  @SubjectId({ description: 'The leader, as a data subject' })
  subjectId!: string;
  @Country({ example: 'KEN', description: 'Nationality (ISO 3166-1 alpha-3)' })
  nationality!: string;
  @Instant({ example: '2016-05-26T00:00:00+03:00' })
  appointedAt!: string;
  @Text(LINE, {
    optional: true,
    example: 'Sector South',
    description: 'Which post, where a mission has several (sector commanders, heads of office)',
  })
  post?: string;
  @SubjectDetailsField({
    optional: true,
    description: "The leader's personal details (kept apart, encrypted, erasable)",
  })
  subjectDetails?: SubjectDetails;
}

export class LeaderDepartureDto {
  @Instant({ example: '2016-11-02T00:00:00+03:00' })
  at!: string;
  @OneOf(DEPARTURE_REASONS, { example: 'relieved' })
  reason!: DepartureReason;
  @Text(PASSAGE, { optional: true, description: 'Required with the reason other' })
  note?: string;
}
