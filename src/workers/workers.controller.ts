import { Body, Controller, Get, Headers, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../access/actor';
import { RequirePermission } from '../access/permission.decorator';
import { Permission } from '../access/permissions';
import { AuditPageDto, AuditQueryDto } from '../audit/dto/audit.dto';
import { ApiProblems, IfMatchRequired, Operation, ProblemDto } from '../common/http/api-docs';
import { IdParam } from '../common/http/id-param';
import {
  CreateWorkerDto,
  CreateWorkerQueryDto,
  ErasureDto,
  ErasureResultDto,
  TimelineDto,
  TransitionDto,
  UpdateWorkerDto,
  WorkerDto,
  WorkerListItemDto,
  WorkerMinimalDto,
  WorkerMinimalListItemDto,
  WorkerPageDto,
  WorkerQueryDto,
} from './dto/worker.dto';
import { CREATE_WORKER_CONFLICTS, WorkerErrors } from './workers.errors';
import { WorkersService } from './workers.service';
import { WorkerAccessLogService } from './worker-access-log.service';
import { PersonalDataService } from './personal-data.service';

const notFound = WorkerErrors.notFound;

@ApiTags('workers')
@ApiExtraModels(WorkerDto, WorkerMinimalDto, WorkerListItemDto, WorkerMinimalListItemDto)
@Controller('workers')
export class WorkersController {
  constructor(
    private readonly workers: WorkersService,
    private readonly accessLog: WorkerAccessLogService,
    private readonly personalData: PersonalDataService,
  ) {}

  @Get()
  @RequirePermission(Permission.WorkerRead)
  @Operation(
    'listWorkers',
    'Find workers',
    'q searches names in either script and any common spelling, ranked by similarity. ' +
      'Items are summaries: the whole dossier is GET /workers/{id}, whose every read is logged. ' +
      "Liaison officers see their agencies' workers; employers the minimal view of workers placed with them.",
  )
  @ApiOkResponse({ type: WorkerPageDto })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query() query: WorkerQueryDto) {
    return this.workers.list(actor, query);
  }

  @Post()
  @RequirePermission(Permission.WorkerWrite)
  @Operation('createWorker', 'Open a dossier', CREATE_WORKER_CONFLICTS)
  @ApiCreatedResponse({ type: WorkerDto })
  @ApiProblems(400, 422)
  @ApiResponse({ status: 409, description: CREATE_WORKER_CONFLICTS, content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWorkerDto, @Query() query: CreateWorkerQueryDto) {
    return this.workers.create(actor, dto, query.force ?? false);
  }

  @Get(':id')
  @RequirePermission(Permission.WorkerRead)
  @Operation('getWorker', 'Read a dossier', 'Every read of the full dossier is written to the access log; employers get the minimal view.')
  @ApiOkResponse({ schema: { anyOf: [{ $ref: getSchemaPath(WorkerDto) }, { $ref: getSchemaPath(WorkerMinimalDto) }] } })
  @ApiProblems(404)
  get(@CurrentActor() actor: Actor, @IdParam(notFound) id: string) {
    return this.workers.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.WorkerWrite)
  @Operation('updateWorker', 'Change a dossier')
  @IfMatchRequired()
  @ApiOkResponse({ type: WorkerDto })
  @ApiProblems(400, 404, 412, 422)
  update(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: UpdateWorkerDto, @Headers('if-match') ifMatch?: string) {
    return this.workers.update(actor, id, dto, ifMatch);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @RequirePermission(Permission.WorkerWrite)
  @Operation(
    'transitionWorker',
    'Move a worker along the lifecycle',
    'An illegal move answers 409 with the allowed targets. READY_TO_WORK needs work authorisation today (NOT_REQUIRED, VALID or ' +
      'EXPIRING): otherwise 422 WORK_AUTHORIZATION_REQUIRED, each error naming the missing or lapsed document (WORK_AUTHORIZATION_MISSING, ' +
      'WORK_AUTHORIZATION_EXPIRED). A worker with a placement that has not started yet is moved by it on its start date: ' +
      '409 WORKER_HAS_PLANNED_PLACEMENT until it is cancelled.',
  )
  @ApiOkResponse({ type: WorkerDto })
  @ApiProblems(400, 404, 409, 422)
  transition(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: TransitionDto) {
    return this.workers.transition(actor, id, dto);
  }

  @Get(':id/timeline')
  @RequirePermission(Permission.WorkerReadSensitive)
  @Operation('workerTimeline', 'Events of the dossier in date order')
  @ApiOkResponse({ type: TimelineDto })
  @ApiProblems(404)
  timeline(@CurrentActor() actor: Actor, @IdParam(notFound) id: string) {
    return this.workers.timeline(actor, id);
  }

  @Get(':id/export')
  @RequirePermission(Permission.WorkerExport)
  @Operation('exportWorker', 'Everything held on the person (data-subject request), as one JSON document')
  @ApiOkResponse({ schema: { type: 'object' } })
  @ApiProblems(404)
  exportOf(@CurrentActor() actor: Actor, @IdParam(notFound) id: string) {
    return this.personalData.export(actor, id);
  }

  @Post(':id/erasure')
  @HttpCode(200)
  @RequirePermission(Permission.WorkerErase)
  @Operation(
    'eraseWorker',
    "Destroy the person's data, keeping anonymous statistics",
    'Irreversible; confirm by repeating the case number (422 otherwise). Audited.',
  )
  @ApiOkResponse({ type: ErasureResultDto })
  @ApiProblems(400, 404, 422)
  erase(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Body() dto: ErasureDto) {
    return this.personalData.erase(actor, id, dto.confirmCaseNumber);
  }

  @Get(':id/access-log')
  @RequirePermission(Permission.AuditRead)
  @Operation('workerAccessLog', 'Who read or changed the dossier, when')
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProblems(400, 404)
  accessLogOf(@CurrentActor() actor: Actor, @IdParam(notFound) id: string, @Query() query: AuditQueryDto) {
    return this.accessLog.list(actor, id, query);
  }
}
