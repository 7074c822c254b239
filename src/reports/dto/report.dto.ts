import { ApiProperty } from '@nestjs/swagger';
import { PIPELINE_GROUPS, PIPELINE_STEP_NAMES, QUOTA_GROUPS, WAGE_GROUPS } from '../reports.rules';

const nullableInt = (description: string) => ({ nullable: true, type: Number, description });

export class QuotaFiguresDto {
  @ApiProperty(nullableInt('The yearly limit (per allocation; per group the allocation set for exactly that occupation or citizenship; null: none applies)'))
  limit: number | null;
  @ApiProperty(nullableInt('Workers asked for in requests of the year submitted (or later), by the first day of their period; null per partner agency'))
  requested: number | null;
  @ApiProperty(nullableInt('Places approved and held (a withdrawn or closed request keeps only those its placements used); null per partner agency'))
  approved: number | null;
  @ApiProperty({ description: 'Placements started (ACTIVE or ENDED)' }) placed: number;
  @ApiProperty({ description: "Placements ENDED before the end of the request's period" }) endedEarly: number;
  @ApiProperty(nullableInt('limit − approved, never negative; null without a limit')) remaining: number | null;
  @ApiProperty(nullableInt('approved / limit in percent, one decimal; null without a limit (or a limit of 0)')) usePercent: number | null;
}

export class QuotaSummaryRowDto extends QuotaFiguresDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Rows per allocation (no groupBy)' }) allocationId: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The allocation's or the group's occupation; null: any" }) occupationCode: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The allocation's or the group's citizenship; null: any (a request naming several or none)" })
  citizenship: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Rows per group: the occupation code, citizenship, employer id, sector or partner agency id (null: none)',
  })
  groupKey: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The group's name (occupation title, employer, agency)" }) groupLabel: string | null;
}

export class QuotaOverallDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The overall allocation of the year; null when none is set' }) allocationId:
    string | null;
  @ApiProperty(nullableInt('Its limit')) limit: number | null;
  @ApiProperty({ description: 'Every place approved (and held) that year, whatever its occupation or citizenship' }) approved: number;
  @ApiProperty(nullableInt('limit − approved')) remaining: number | null;
  @ApiProperty(nullableInt('approved / limit in percent')) usePercent: number | null;
}

export class QuotaSummaryDto {
  @ApiProperty() year: number;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'The day at whose end the figures were taken; null: now' }) asOf: string | null;
  @ApiProperty({ nullable: true, enum: QUOTA_GROUPS, description: 'null: rows per allocation (the overall one is `overall`, not a row)' }) groupBy:
    string | null;
  @ApiProperty({ type: [QuotaSummaryRowDto] }) rows: QuotaSummaryRowDto[];
  @ApiProperty({ type: QuotaOverallDto }) overall: QuotaOverallDto;
  @ApiProperty({ type: QuotaFiguresDto, description: 'The sums of the rows (allocations overlap: a worker may count in several rows)' })
  totals: QuotaFiguresDto;
}

export class WageSummaryRowDto {
  @ApiProperty({ description: 'Occupation code or citizenship' }) key: string;
  @ApiProperty({ nullable: true, type: String, description: 'Occupation title' }) label: string | null;
  @ApiProperty({ description: 'Placements that started in the year (any but CANCELLED)' }) count: number;
  @ApiProperty({ description: 'Median agreed monthly wage, gross roubles' }) medianRub: number;
  @ApiProperty() p10Rub: number;
  @ApiProperty() p90Rub: number;
  @ApiProperty(nullableInt('(median − floor) / floor in percent; null without a floor for the year')) floorGapPercent: number | null;
  @ApiProperty(nullableInt('The local reference wage of the occupation that year (per occupation only)')) localWageRub: number | null;
  @ApiProperty(nullableInt("Median of each wage's gap to the local wage of its occupation, in percent (negative: below); null without local wages"))
  localGapPercent: number | null;
  @ApiProperty({ description: 'Placements at or below the floor' }) atFloor: number;
  @ApiProperty(nullableInt('atFloor / count in percent; null without a floor')) atFloorPercent: number | null;
}

export class WageSummaryDto {
  @ApiProperty() year: number;
  @ApiProperty({ enum: WAGE_GROUPS }) groupBy: string;
  @ApiProperty(nullableInt('The full-time wage floor of the year (МРОТ × the Omsk coefficient); null when not entered')) floorRub: number | null;
  @ApiProperty({ type: [WageSummaryRowDto] }) rows: WageSummaryRowDto[];
}

export class ComplianceCountsDto {
  @ApiProperty({ description: 'Deadlines due in the year' }) due: number;
  @ApiProperty({ description: 'DONE on or before the due date' }) onTime: number;
  @ApiProperty({ description: 'DONE after the due date' }) late: number;
  @ApiProperty() missed: number;
  @ApiProperty() waived: number;
  @ApiProperty({ description: 'Still OPEN' }) open: number;
  @ApiProperty(nullableInt('onTime / (onTime + late + missed) in percent; null when none was decided')) onTimeRate: number | null;
}

export class ComplianceKindRowDto extends ComplianceCountsDto {
  @ApiProperty() kind: string;
}

export class ComplianceEmployerRowDto extends ComplianceCountsDto {
  @ApiProperty({ format: 'uuid' }) employerId: string;
  @ApiProperty() employerName: string;
}

export class DeadlineComplianceDto {
  @ApiProperty() year: number;
  @ApiProperty({ type: [ComplianceKindRowDto] }) byKind: ComplianceKindRowDto[];
  @ApiProperty({ type: [ComplianceEmployerRowDto], description: "The employer's obligations (contract and termination notifications) per employer" })
  byEmployer: ComplianceEmployerRowDto[];
  @ApiProperty({ type: ComplianceCountsDto }) totals: ComplianceCountsDto;
}

export class PipelineStepDto {
  @ApiProperty({ enum: PIPELINE_STEP_NAMES }) step: string;
  @ApiProperty({ description: 'Workers who reached the step (their status history shows it)' }) count: number;
  @ApiProperty(nullableInt('Of them, those who went on to the next step, in percent (one decimal); null on the last step or when nobody reached it'))
  conversionPercent: number | null;
  @ApiProperty(nullableInt('Median days from reaching the step to reaching the next (one decimal); null on the last step or when nobody went on'))
  medianDays: number | null;
}

export class PipelineFiguresDto {
  @ApiProperty({ description: 'Workers who entered the pipeline in the period (their dossier was opened then)' }) workers: number;
  @ApiProperty({ description: 'Of those who arrived, the ones who turned up unannounced at an arrival' }) unannounced: number;
  @ApiProperty({ type: [PipelineStepDto], description: 'candidate → selected → in transit → arrived → ready → placed' }) steps: PipelineStepDto[];
}

export class PipelineRowDto extends PipelineFiguresDto {
  @ApiProperty({ nullable: true, type: String, description: 'The partner agency id or the citizenship; null: no agency (a walk-in, a direct hire)' }) key:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: "The agency's name or the country's name in Russian" }) label: string | null;
}

export class PipelineDto {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'The day at whose end the figures were taken; null: now' }) asOf: string | null;
  @ApiProperty({ nullable: true, enum: PIPELINE_GROUPS, description: 'null: no rows, only the totals' }) groupBy: string | null;
  @ApiProperty({ type: [PipelineRowDto] }) rows: PipelineRowDto[];
  @ApiProperty({ type: PipelineFiguresDto, description: 'Every worker of the period (medians over all of them, not of the rows)' }) totals: PipelineFiguresDto;
}
