import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

const DECIMAL = /^(0|[1-9][0-9]{0,18})$/;
const decimalMessage = { message: '$property must be a non-negative integer' };

export class InclusionProofQuery {
  @ApiProperty({ description: 'The global position of the event', example: '42' })
  @IsString()
  @Matches(DECIMAL, decimalMessage)
  position!: string;

  @ApiPropertyOptional({
    description: 'The tree to prove it in; by default the latest signed head that covers it',
  })
  @IsOptional()
  @IsString()
  @Matches(DECIMAL, decimalMessage)
  treeSize?: string;
}

export class ConsistencyProofQuery {
  @ApiProperty({ description: 'The size of the earlier tree', example: '1000' })
  @IsString()
  @Matches(DECIMAL, decimalMessage)
  from!: string;

  @ApiPropertyOptional({ description: 'The size of the later tree; by default the latest head' })
  @IsOptional()
  @IsString()
  @Matches(DECIMAL, decimalMessage)
  to?: string;
}

/** A signed tree head as `GET /integrity/head` gives it. */
export class TrustedHeadDto {
  @ApiProperty({ example: '1000' })
  @IsString()
  @Matches(DECIMAL, decimalMessage)
  treeSize!: string;

  @ApiProperty({ description: 'hex or base64' })
  @IsString()
  @MaxLength(100)
  rootHash!: string;

  @ApiProperty({ format: 'date-time' })
  @IsString()
  @MaxLength(100)
  timestamp!: string;

  @ApiProperty({ description: 'Ed25519, base64' })
  @IsString()
  @MaxLength(200)
  signature!: string;

  @ApiPropertyOptional({ description: 'Ignored: not signed' })
  @IsOptional()
  id?: unknown;

  @ApiPropertyOptional({ description: 'Ignored: not signed' })
  @IsOptional()
  lastPosition?: unknown;
}

export class VerificationRequest {
  @ApiPropertyOptional({
    type: [TrustedHeadDto],
    description: 'Heads you kept from earlier: the ledger must extend each of them',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => TrustedHeadDto)
  trustedHeads?: TrustedHeadDto[];
}
