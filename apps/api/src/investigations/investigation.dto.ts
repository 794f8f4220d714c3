import {
  ATTRIBUTION_LEVELS,
  EVIDENCE_KINDS,
  FINDING_CATEGORIES,
  INVESTIGATION_KINDS,
  RECOMMENDATION_ACTIONS,
  SEVERITIES,
  type AttributionLevel,
  type EvidenceKind,
  type FindingCategory,
  type InvestigationKind,
  type RecommendationAction,
  type Severity,
  type SubjectDetails,
} from '@blue-ledger/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsObject,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import {
  Country,
  Id,
  IdList,
  Instant,
  LINE,
  MAX_ITEMS,
  OneOf,
  PASSAGE,
  Sha256,
  SubjectDetailsField,
  SubjectId,
  SubjectIdList,
  Text,
  TextList,
} from '../http/validators';
import { SubjectDto } from '../shared-dto/subject.dto';

export class OpenInvestigationDto {
  @IdList({ description: 'The incidents it covers' })
  @ArrayMinSize(1)
  incidentIds!: string[];
  @OneOf(INVESTIGATION_KINDS)
  kind!: InvestigationKind;
  @Text(LINE, { example: 'Board of Inquiry into the attack on the Malakal POC site' })
  title!: string;
  @Text(PASSAGE, { optional: true })
  termsOfReference?: string;
  @Instant({ optional: true })
  dueBy?: string;
}

export class AssignInvestigatorDto {
  @Text(LINE, { description: 'Principal id of the investigator' })
  investigatorId!: string;
}

export class AppointNationalInvestigatorDto {
  @Country({ example: 'GAB', description: 'The contributing country whose officer it is' })
  country!: string;
  @Instant({ example: '2021-06-29T10:00:00+01:00' })
  appointedAt!: string;
  @SubjectId({ optional: true, description: 'The officer, as a data subject, where named' })
  subjectId?: string;
  @SubjectDetailsField({
    optional: true,
    description: "The officer's personal details (kept apart, encrypted, erasable); with subjectId",
  })
  subjectDetails?: SubjectDetails;
}

export class LogEvidenceDto {
  @OneOf(EVIDENCE_KINDS)
  kind!: EvidenceKind;
  @Text(PASSAGE)
  description!: string;
  @Sha256({
    description: 'SHA-256 of the artefact; the ledger keeps the fingerprint, not the file',
  })
  sha256!: string;
  @Text(LINE, { example: 'UNMISS Special Investigations Unit, evidence room 2' })
  custodian!: string;
  @ApiPropertyOptional({ type: [SubjectDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => SubjectDto)
  subjects?: SubjectDto[];
}

export class TransferCustodyDto {
  @Text(LINE)
  toCustodian!: string;
  @Instant()
  transferredAt!: string;
  @Text(PASSAGE)
  reason!: string;
}

export class AttributionDto {
  @OneOf(ATTRIBUTION_LEVELS)
  level!: AttributionLevel;
  @Id({ optional: true, description: 'With level unit' })
  contingentId?: string;
  @Text(LINE, { optional: true, description: 'With level role, e.g. battalion_commander' })
  role?: string;
  @Id({
    optional: true,
    description: "With level role, a mission leader's: the appointment of who held it",
  })
  appointmentId?: string;
  @Country({ optional: true, description: 'With level member_state' })
  country?: string;
  @Text(LINE, {
    optional: true,
    description: 'With level mission_component, e.g. military, police, civilian',
  })
  component?: string;
}

export class RecordFindingDto {
  @Text(PASSAGE)
  statement!: string;
  @OneOf(FINDING_CATEGORIES)
  category!: FindingCategory;
  @ApiProperty({ type: [AttributionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => AttributionDto)
  attributions!: AttributionDto[];
  @OneOf(SEVERITIES)
  severity!: Severity;
  @IdList({ optional: true })
  evidenceIds?: string[];
  @TextList(LINE * 5, {
    optional: true,
    example: ['54 peacekeepers guarding a camp of more than 20,000'],
  })
  contextFactors?: string[];
}

export class FindingChangesDto {
  @Text(PASSAGE, { optional: true })
  statement?: string;
  @OneOf(FINDING_CATEGORIES, { optional: true })
  category?: FindingCategory;
  @ApiPropertyOptional({ type: [AttributionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => AttributionDto)
  attributions?: AttributionDto[];
  @OneOf(SEVERITIES, { optional: true })
  severity?: Severity;
  @IdList({ optional: true })
  evidenceIds?: string[];
  @TextList(LINE * 5, { optional: true })
  contextFactors?: string[];
}

export class ReviseFindingDto {
  @ApiProperty({ type: FindingChangesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => FindingChangesDto)
  changes!: FindingChangesDto;
  @Text(PASSAGE)
  reason!: string;
}

export class NameUnitDto {
  @Id()
  contingentId!: string;
  @IdList()
  @ArrayMinSize(1)
  findingIds!: string[];
  @ApiProperty({ description: 'Whether the naming is public' })
  @IsBoolean()
  public!: boolean;
}

export class IssueRecommendationDto {
  @OneOf(RECOMMENDATION_ACTIONS)
  action!: RecommendationAction;
  @Id({ optional: true, description: 'The unit (repatriate_unit; repatriate_commander of a unit)' })
  contingentId?: string;
  @Id({
    optional: true,
    description:
      "A mission leader's appointment (relieve_leader; repatriate_commander of the mission's force, sector or police commander)",
  })
  appointmentId?: string;
  @Text(LINE, { optional: true, example: 'battalion_commander' })
  role?: string;
  @SubjectIdList({ optional: true, description: 'Individuals concerned, by subject id' })
  subjectIds?: string[];
  @IdList({ description: 'The findings it rests on' })
  @ArrayMinSize(1)
  findingIds!: string[];
  @Text(PASSAGE)
  rationale!: string;
}

export class SubmitReportDto {
  @Text(PASSAGE)
  summary!: string;
  @Sha256({ optional: true })
  reportSha256?: string;
  @Instant()
  submittedAt!: string;
}

export class CloseInvestigationDto {
  @Text(PASSAGE)
  summary!: string;
}
