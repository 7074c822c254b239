import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { ApiProblems, Operation } from '../common/http/api-docs';
import { DeadlineComplianceDto, QuotaSummaryDto, WageSummaryDto } from './dto/report.dto';
import { QuotaSummaryQueryDto, ReportYearQueryDto, WageSummaryQueryDto } from './dto/report-query.dto';
import { ReportsService } from './reports.service';
import { ComplaintSummaryService } from './complaint-summary.service';
import { ComplaintReportDto, ComplaintReportQueryDto } from './dto/complaint-summary.dto';

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
      'started and ended early, places remaining and the share of the limit used. Requests count in the year of the first day of their period.',
  )
  @ApiOkResponse({ type: QuotaSummaryDto })
  @ApiProblems(400, 403)
  quotaSummary(@Query() query: QuotaSummaryQueryDto) {
    return this.reports.quotaSummary(query);
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
    'Deadlines due in the year per kind, and the employers\' notices per employer: due, done on time, done late, missed, waived, open, on-time rate.',
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
}
