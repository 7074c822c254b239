import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { COMPLAINT_GROUPS, type ComplaintGroup } from '../complaint-summary.rules';
import { SMALL_CELL } from '../small-cells.rules';

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

/** `year`, or `from` and `to` (days received, inclusive, in the Centre's time zone); `groupBy` optional. */
export class ComplaintReportQueryDto {
  @ApiPropertyOptional({ example: 2026, minimum: 2000, maximum: 2100, description: 'The calendar year received; or give `from` and `to`' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ format: 'date', example: '2026-01-01', description: 'First day received (with `to`, instead of `year`)' })
  @IsOptional()
  @Matches(new RegExp(DATE))
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-06-30', description: 'Last day received, inclusive' })
  @IsOptional()
  @Matches(new RegExp(DATE))
  to?: string;

  @ApiPropertyOptional({
    enum: COMPLAINT_GROUPS,
    description: "Omitted: only the overall figures. partnerAgency is the agency complained about; citizenship the worker's (anonymous: null)",
  })
  @IsOptional()
  @IsIn(COMPLAINT_GROUPS)
  groupBy?: ComplaintGroup;
}

const SHOWN_COUNT: ApiPropertyOptions = {
  // integer | "<5" | null; the null rides on the string branch (OpenAPI 3.0 wants `nullable` beside a `type`)
  oneOf: [
    { type: 'integer', minimum: 0 },
    { type: 'string', enum: [SMALL_CELL], nullable: true },
  ],
  description:
    `A count of complaints; \`${SMALL_CELL}\` for 1 to 4 (never their number); ` +
    `null: withheld, so that the published sums do not give a \`${SMALL_CELL}\` back (a withheld count is 0 or at least 5)`,
};

export class ComplaintReportCellDto {
  @ApiProperty({ description: 'The category, severity, against-type, status or finding' }) key: string;
  @ApiProperty(SHOWN_COUNT) count: number | typeof SMALL_CELL | null;
}

const medianHours = {
  nullable: true,
  type: Number,
  description: 'Median hours from receipt to triage of the triaged complaints, one decimal; null: fewer than 5',
};
const medianDays = {
  nullable: true,
  type: Number,
  description: 'Median days from receipt to closure of the closed complaints, one decimal; null: fewer than 5',
};

export class ComplaintReportFiguresDto {
  @ApiProperty({ ...SHOWN_COUNT, description: 'Complaints received in the period (confidential and destroyed ones included). ' + SHOWN_COUNT.description })
  total: number | typeof SMALL_CELL | null;
  @ApiProperty({ type: [ComplaintReportCellDto], description: 'Every category, in a fixed order' }) byCategory: ComplaintReportCellDto[];
  @ApiProperty({ type: [ComplaintReportCellDto] }) bySeverity: ComplaintReportCellDto[];
  @ApiProperty({ type: [ComplaintReportCellDto] }) byAgainst: ComplaintReportCellDto[];
  @ApiProperty({ type: [ComplaintReportCellDto], description: 'Status now' }) byStatus: ComplaintReportCellDto[];
  @ApiProperty({ type: [ComplaintReportCellDto], description: 'Findings of the RESOLVED complaints (they sum to byStatus RESOLVED)' })
  byFinding: ComplaintReportCellDto[];
  @ApiProperty(medianHours) medianTriageHours: number | null;
  @ApiProperty(medianDays) medianClosureDays: number | null;
}

export class ComplaintReportRowDto extends ComplaintReportFiguresDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Employer, intermediary or partner agency id, or citizenship; null: none (no employer named, an anonymous worker…)',
  })
  groupKey: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Its name' }) groupLabel: string | null;
}

export class ComplaintReportDto {
  @ApiProperty({ nullable: true, type: 'integer', description: 'The year asked for; null when `from`/`to` were' }) year: number | null;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ nullable: true, enum: COMPLAINT_GROUPS }) groupBy: string | null;
  @ApiProperty({
    type: ComplaintReportFiguresDto,
    description: 'Every complaint of the period; the same in every answer for the period, whatever the grouping',
  })
  overall: ComplaintReportFiguresDto;
  @ApiProperty({
    type: [ComplaintReportRowDto],
    description: 'Per group (empty without groupBy); groups with no complaint are not listed; each column sums to `overall`',
  })
  rows: ComplaintReportRowDto[];
}
