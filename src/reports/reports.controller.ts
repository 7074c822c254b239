import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, Operation } from '../common/http/api-docs';
import { DeadlineComplianceDto, PipelineDto, QuotaSummaryDto, WageSummaryDto } from './dto/report.dto';
import { PipelineQueryDto, QuotaSummaryQueryDto, ReportYearQueryDto, WageSummaryQueryDto } from './dto/report-query.dto';
import { ReportsService } from './reports.service';
import { ComplaintSummaryService } from './complaint-summary.service';
import { ComplaintReportDto, ComplaintReportQueryDto } from './dto/complaint-summary.dto';

const SVG = 'image/svg+xml';
/** The caller asks for the chart (`Accept: image/svg+xml`): the reply is typed as SVG, and true. */
function wantsSvg(accept: string | undefined, reply: FastifyReply): boolean {
  if (!/\bimage\/svg\+xml\b/i.test(accept ?? '')) return false;
  void reply.type(`${SVG}; charset=utf-8`);
  return true;
}

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly complaints: ComplaintSummaryService,
  ) {}

  @Get('quota-summary')
  @RequirePermission(Permission.ReportRead)
  @Operation(
    'quotaSummary',
    'Quota use of a year',
    'Per allocation (no groupBy; the overall allocation is `overall`) or per group: limit, workers requested, places approved, placements ' +
      'started and ended early, places remaining and the share of the limit used. Requests count in the year of the first day of their period. ' +
      '`asOf`: the figures as they stood at the end of that day. With `Accept: image/svg+xml` a bar chart (SVG, Russian labels) of the use ' +
      'per allocation or group against its limit.',
  )
  @ApiProduces('application/json', SVG)
  @ApiOkResponse({ type: QuotaSummaryDto })
  @ApiProblems(400, 403)
  quotaSummary(@Query() query: QuotaSummaryQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return wantsSvg(accept, reply) ? this.reports.quotaChart(query) : this.reports.quotaSummary(query);
  }

  @Get('wage-summary')
  @RequirePermission(Permission.ReportRead)
  @Operation(
    'wageSummary',
    'Agreed wages of a year',
    'Wages of the placements that started in the year, per occupation or citizenship: median, 10th and 90th percentile, the gap to the ' +
      'wage floor and to the local reference wage, and the share of placements at or below the floor.',
  )
  @ApiOkResponse({ type: WageSummaryDto })
  @ApiProblems(400, 403)
  wageSummary(@Query() query: WageSummaryQueryDto) {
    return this.reports.wageSummary(query);
  }

  @Get('deadline-compliance')
  @RequirePermission(Permission.ReportRead)
  @Operation(
    'deadlineCompliance',
    'Deadline compliance of a year',
    "Deadlines due in the year per kind, and the employers' notices per employer: due, done on time, done late, missed, waived, open, on-time rate.",
  )
  @ApiOkResponse({ type: DeadlineComplianceDto })
  @ApiProblems(400, 403)
  deadlineCompliance(@Query() query: ReportYearQueryDto) {
    return this.reports.deadlineCompliance(query);
  }

  @Get('complaint-summary')
  @RequirePermission(Permission.ReportRead)
  @Operation(
    'complaintSummary',
    'Complaints of a year or period',
    'Complaints received in the period (confidential and destroyed ones as numbers only) by category, severity, against-type, status and ' +
      'finding, with the median hours to triage and days to closure; overall and per group. Grouped by employer, intermediary or partner ' +
      'agency, a cell of 1 to 4 complaints is `<5`, and cells the published sums would give it back by are withheld (null).',
  )
  @ApiOkResponse({ type: ComplaintReportDto })
  @ApiProblems(400, 403)
  complaintSummary(@Query() query: ComplaintReportQueryDto) {
    return this.complaints.summary(query);
  }

  @Get('pipeline')
  @RequirePermission(Permission.ReportRead)
  @Operation(
    'pipeline',
    'Recruitment pipeline of a period',
    'The workers who entered in the `year` (or `from`–`to`) by the day their dossier was opened: how many reached each step ' +
      '(candidate → selected → in transit → arrived → ready → placed, from their status history), the share that went on to the next ' +
      'step and the median days it took, with the unannounced arrivals; per partner agency or citizenship and in total. `asOf`: as it ' +
      'stood at the end of that day. With `Accept: image/svg+xml` a funnel chart (SVG, Russian labels).',
  )
  @ApiProduces('application/json', SVG)
  @ApiOkResponse({ type: PipelineDto })
  @ApiProblems(400, 403)
  pipeline(@Query() query: PipelineQueryDto, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return wantsSvg(accept, reply) ? this.reports.pipelineChart(query) : this.reports.pipeline(query);
  }
}
