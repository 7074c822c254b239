import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { PIPELINE_GROUPS, type PipelineGroup, QUOTA_GROUPS, type QuotaGroup, WAGE_GROUPS, type WageGroup } from '../reports.rules';

/** A calendar day of 2000–2100 (YYYY-MM-DD). */
const ReportDay = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, format: 'date', description }),
    IsOptional(),
    IsISO8601({ strict: true }),
    Matches(/^(20\d\d|2100)-\d\d-\d\d$/, { message: '$property must be a day of 2000–2100 (YYYY-MM-DD)' }),
  );

const AsOf = () =>
  ReportDay(
    "The report as it stood at the end of this day (the Centre's time zone), from the records' own dates and the audit log, " +
      'so that a report once given can be reproduced; not in the future. Omitted: now.',
  );

const Year = (required: boolean) =>
  applyDecorators(
    required
      ? ApiProperty({ example: 2026, minimum: 2000, maximum: 2100 })
      : ApiPropertyOptional({ example: 2026, minimum: 2000, maximum: 2100, description: 'Or from and to' }),
    ...(required ? [] : [IsOptional()]),
    Type(() => Number),
    IsInt(),
    Min(2000),
    Max(2100),
  );

export class ReportYearQueryDto {
  @Year(true)
  year: number;
}

export class QuotaSummaryQueryDto extends ReportYearQueryDto {
  @ApiPropertyOptional({ enum: QUOTA_GROUPS, description: 'Omitted: one row per allocation of the year' })
  @IsOptional()
  @IsIn(QUOTA_GROUPS)
  groupBy?: QuotaGroup;

  @AsOf()
  asOf?: string;
}

export class WageSummaryQueryDto extends ReportYearQueryDto {
  @ApiPropertyOptional({ enum: WAGE_GROUPS, default: 'occupation' })
  @IsOptional()
  @IsIn(WAGE_GROUPS)
  groupBy?: WageGroup;
}

export class PipelineQueryDto {
  @Year(false)
  year?: number;

  @ReportDay('First day of the period (with to, instead of year): the workers who entered the pipeline from this day')
  from?: string;

  @ReportDay('Last day of the period, included')
  to?: string;

  @ApiPropertyOptional({ enum: PIPELINE_GROUPS, description: 'Omitted: only the totals' })
  @IsOptional()
  @IsIn(PIPELINE_GROUPS)
  groupBy?: PipelineGroup;

  @AsOf()
  asOf?: string;
}
