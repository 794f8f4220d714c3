import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@blue-ledger/domain';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  Matches,
} from 'class-validator';
import { Country, LINE, Text } from '../http/validators';

import { PRINCIPAL_ID } from '@blue-ledger/access';

export class CreatePrincipalDto {
  @ApiProperty({ required: false, pattern: PRINCIPAL_ID.source, example: 'pm-ken' })
  @IsOptional()
  @Matches(PRINCIPAL_ID, { message: '$property must be 1-100 characters of [A-Za-z0-9._-]' })
  id?: string;

  @Text(LINE, { example: 'Permanent Mission of Kenya' })
  name!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['tcc_liaison'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES as readonly string[] as string[], {
    each: true,
    message: `each of $property must be one of: ${ROLES.join(', ')}`,
  })
  roles!: Role[];

  @Country({ optional: true, description: 'Required for a tcc_liaison' })
  country?: string;
}
