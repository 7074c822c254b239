import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { QUOTA_GROUPS, type QuotaGroup, WAGE_GROUPS, type WageGroup } from '../reports.rules';

export class ReportYearQueryDto {
  @ApiProperty({ example: 2026, minimum: 2000, maximum: 2100 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class QuotaSummaryQueryDto extends ReportYearQueryDto {
  @ApiPropertyOptional({ enum: QUOTA_GROUPS, description: 'Omitted: one row per allocation of the year' })
  @IsOptional()
  @IsIn(QUOTA_GROUPS)
  groupBy?: QuotaGroup;
}

export class WageSummaryQueryDto extends ReportYearQueryDto {
  @ApiPropertyOptional({ enum: WAGE_GROUPS, default: 'occupation' })
  @IsOptional()
  @IsIn(WAGE_GROUPS)
  groupBy?: WageGroup;
}
