import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/pagination';
import { QUOTA_GROUPS } from '../../reports.rules';
import { EXPORT_FORMATS, EXPORT_STATUSES, EXPORT_TYPES, type ExportFormat, type ExportType } from '../report-exports.rules';

/** The parameters of an export, as the report's GET endpoint takes them; checked per type (400 naming `params.x`). */
export class ReportExportParamsDto {
  @ApiProperty({ type: Number, minimum: 2000, maximum: 2100, example: 2026, description: 'The year of the report (every type)' })
  year: number;

  @ApiPropertyOptional({
    enum: QUOTA_GROUPS,
    description: 'quota-summary: any of these (omitted: per allocation); wage-summary: occupation or citizenship; other types take none',
  })
  groupBy?: string;
}

export class CreateReportExportDto {
  @ApiProperty({ enum: EXPORT_TYPES, description: "Each summary, the placements of a year, or the regional commission's table of labour requests" })
  @IsIn(EXPORT_TYPES)
  type: ExportType;

  @ApiProperty({ enum: EXPORT_FORMATS, description: 'csv: UTF-8 with a BOM, `;` between cells, decimal comma; xlsx: a workbook with a frozen header row' })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;

  @ApiProperty({ type: ReportExportParamsDto })
  @IsObject()
  params: Record<string, unknown>;
}

export class ReportExportQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_STATUSES })
  @IsOptional()
  @IsIn(EXPORT_STATUSES)
  status?: (typeof EXPORT_STATUSES)[number];
}

export class ReportExportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: EXPORT_TYPES }) type: string;
  @ApiProperty({ enum: EXPORT_FORMATS }) format: string;
  @ApiProperty({ type: ReportExportParamsDto, description: 'As validated (a year sent as text is a number here)' }) params: ReportExportParamsDto;
  @ApiProperty({ enum: EXPORT_STATUSES, description: 'QUEUED → RUNNING → DONE or FAILED; DONE or FAILED → EXPIRED after expiresAt' }) status: string;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Percent of the rows written; 100 only once the file can be downloaded' }) progress: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Rows written (header and summary rows not counted); null until DONE' }) rowCount: number | null;
  @ApiProperty({ nullable: true, type: Number, description: "The file's size in bytes; null until DONE" }) fileSize: number | null;
  @ApiProperty({ nullable: true, type: String, description: "The file's name when downloaded; null until DONE" }) fileName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Where to download the file; null unless DONE' }) downloadUrl: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it FAILED (a stable code), else null' }) errorCode: string | null;
  @ApiProperty({ format: 'uuid', description: 'Who asked for it (only they and administrators see it)' }) createdById: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt: string | null;
  @ApiProperty({ format: 'date-time', description: 'After this the file is deleted and its download answers 410 (REPORT_EXPORT_TTL_HOURS from the finish)' })
  expiresAt: string;
}

export class ReportExportListDto {
  @ApiProperty({ type: [ReportExportDto] }) items: ReportExportDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
