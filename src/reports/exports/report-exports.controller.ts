import { Body, Controller, Get, HttpCode, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { Actor, CurrentActor } from '../../access/actor';
import { RequirePermission } from '../../access/permission.decorator';
import { Permission } from '../../access/permissions';
import { ApiProblems, Operation } from '../../common/http/api-docs';
import { IdParam } from '../../common/http/id-param';
import { CreateReportExportDto, ReportExportDto, ReportExportListDto, ReportExportQueryDto } from './dto/report-export.dto';
import { ReportExportErrors } from './report-exports.errors';
import { ReportExportsService } from './report-exports.service';
import { CONTENT_TYPES } from './report-exports.rules';

@ApiTags('reports')
@Controller('report-exports')
export class ReportExportsController {
  constructor(private readonly exports: ReportExportsService) {}

  @Post()
  @HttpCode(202)
  @RequirePermission(Permission.ReportGenerate)
  @Operation(
    'createReportExport',
    'Export a report to CSV or XLSX',
    'Answers at once with the export QUEUED; a job writes the file (poll GET /report-exports/:id for status and progress). ' +
      "`params` are those of the report's GET endpoint (`year`, and `groupBy` where it applies); a bad one is a 400 naming `params.<name>`.",
  )
  @ApiResponse({ status: 202, type: ReportExportDto, description: 'Accepted: the export is QUEUED' })
  @ApiProblems(400)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateReportExportDto) {
    return this.exports.create(actor, dto);
  }

  @Get()
  @RequirePermission(Permission.ReportGenerate)
  @Operation('listReportExports', 'Report exports, newest first', "The caller's own; an administrator sees everyone's.")
  @ApiOkResponse({ type: ReportExportListDto })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: ReportExportQueryDto) {
    return this.exports.list(actor, query);
  }

  @Get(':id')
  @RequirePermission(Permission.ReportGenerate)
  @Operation('getReportExport', 'A report export: status and progress', "Another user's export answers 404 (administrators see all).")
  @ApiOkResponse({ type: ReportExportDto })
  @ApiProblems(404)
  get(@CurrentActor() actor: Actor, @IdParam(ReportExportErrors.notFound) id: string) {
    return this.exports.get(actor, id);
  }

  @Get(':id/file')
  @RequirePermission(Permission.ReportGenerate)
  @Operation(
    'downloadReportExport',
    "Download a report export's file",
    'Streamed, with its name in Content-Disposition; every download is written to the access log. 409 REPORT_EXPORT_NOT_READY while ' +
      'QUEUED or RUNNING, 409 REPORT_EXPORT_FAILED when it failed, 410 REPORT_EXPORT_EXPIRED after expiresAt.',
  )
  @ApiProduces(CONTENT_TYPES.csv, CONTENT_TYPES.xlsx)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiProblems(404, 409, 410)
  async download(@CurrentActor() actor: Actor, @IdParam(ReportExportErrors.notFound) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const file = await this.exports.download(actor, id);
    void reply.header('x-content-sha256', file.sha256).header('cache-control', 'no-store');
    return new StreamableFile(file.stream as Readable, { type: file.contentType, length: file.size, disposition: `attachment; filename="${file.filename}"` });
  }
}
