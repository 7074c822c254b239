import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class CreateQuotaAllocationDto {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiPropertyOptional({ nullable: true, type: String, example: '7112', description: 'ОКЗ code; omitted or null: any occupation' })
  @IsOptional()
  @Matches(/^\d{4}(\.\d{1,3})?$/, { message: 'occupationCode must be an ОКЗ code such as 7112' })
  occupationCode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'UZ', description: 'ISO 3166 alpha-2; omitted or null: any citizenship' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { message: 'citizenship must be an ISO 3166 alpha-2 code' })
  citizenship?: string | null;
  @ApiProperty({ minimum: 0, example: 500 }) @IsInt() @Min(0) @Max(1_000_000) limit: number;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(1000) note?: string | null;
}

export class UpdateQuotaAllocationDto {
  @ApiPropertyOptional({ minimum: 0, description: 'Never below the places already approved (422)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  limit?: number;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(1000) note?: string | null;
}

export class QuotaAllocationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}

export class QuotaAllocationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() year: number;
  @ApiProperty({ nullable: true, type: String }) occupationCode: string | null;
  @ApiProperty({ nullable: true, type: String }) citizenship: string | null;
  @ApiProperty() limit: number;
  @ApiProperty({
    description: 'Places approved so far under this scope, counted against every allocation that covers them (the overall one: every place of the year)',
  })
  approved: number;
  @ApiProperty({ description: 'limit − approved' }) remaining: number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
}

export class QuotaAllocationPageDto {
  @ApiProperty({ type: [QuotaAllocationDto] }) items: QuotaAllocationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
