import {
  INCIDENT_CATEGORIES,
  type Casualties,
  type IncidentCategory,
  type IncidentLocation,
} from '@blue-ledger/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsLatitude,
  IsLongitude,
  IsObject,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { AsOfPageQuery, AsOfQuery } from '../as-of/as-of.query';
import {
  Count,
  IdList,
  Instant,
  LINE,
  MAX_ITEMS,
  MissionCode,
  OneOf,
  PASSAGE,
  Text,
} from '../http/validators';
import { SubjectDto } from '../shared-dto/subject.dto';

export class LocationDto implements IncidentLocation {
  @Text(LINE, { example: 'Malakal POC site' })
  name!: string;
  @ApiPropertyOptional({ example: 9.5334 })
  @IsOptional()
  @IsLatitude({ message: 'latitude must be a number between -90 and 90' })
  latitude?: number;
  @ApiPropertyOptional({ example: 31.6605 })
  @IsOptional()
  @IsLongitude({ message: 'longitude must be a number between -180 and 180' })
  longitude?: number;
}

export class CasualtiesDto implements Casualties {
  @Count({ optional: true })
  civiliansKilled?: number;
  @Count({ optional: true })
  civiliansInjured?: number;
  @Count({ optional: true })
  peacekeepersKilled?: number;
  @Count({ optional: true })
  peacekeepersInjured?: number;
}

export class ReportIncidentDto {
  @MissionCode()
  missionCode!: string;
  @Instant({ description: 'When it happened in the world (often approximate)' })
  occurredAt!: string;
  @ApiProperty({ type: LocationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  location!: LocationDto;
  @OneOf(INCIDENT_CATEGORIES)
  category!: IncidentCategory;
  @Text(PASSAGE)
  summary!: string;
  @ApiPropertyOptional({ type: CasualtiesDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CasualtiesDto)
  casualties?: CasualtiesDto;
  @IdList({ optional: true, description: 'Contingents present' })
  contingentIds?: string[];
  @ApiPropertyOptional({
    type: [SubjectDto],
    description: 'Victims, witnesses, alleged perpetrators',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => SubjectDto)
  subjects?: SubjectDto[];
}

export class IncidentChangesDto {
  @Instant({ optional: true })
  occurredAt?: string;
  @ApiPropertyOptional({ type: LocationDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;
  @OneOf(INCIDENT_CATEGORIES, { optional: true })
  category?: IncidentCategory;
  @Text(PASSAGE, { optional: true })
  summary?: string;
  @ApiPropertyOptional({ type: CasualtiesDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CasualtiesDto)
  casualties?: CasualtiesDto;
}

export class AmendIncidentDto {
  @ApiProperty({ type: IncidentChangesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => IncidentChangesDto)
  changes!: IncidentChangesDto;
  @Text(PASSAGE)
  reason!: string;
}

export class LinkUnitsDto {
  @IdList()
  @ArrayMinSize(1)
  contingentIds!: string[];
}

export class IncidentListQuery extends AsOfPageQuery {
  @MissionCode({ optional: true })
  mission?: string;
  @OneOf(INCIDENT_CATEGORIES, { optional: true })
  category?: IncidentCategory;
  @OneOf(['open', 'closed'], { optional: true })
  status?: 'open' | 'closed';
}

export class TimelineQuery extends AsOfQuery {
  @OneOf(['occurred', 'recorded'], { optional: true })
  order?: 'occurred' | 'recorded';
}
