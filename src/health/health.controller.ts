import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../access/permission.decorator';
import { ApiProblems, Operation } from '../common/http/api-docs';
import { HealthService } from './health.service';

const LIVE = { status: 'ok' } as const;

@ApiTags('health')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @Public()
  @Operation('healthLive', 'The process is up')
  @ApiOkResponse({ schema: { example: LIVE } })
  live() {
    return LIVE;
  }

  @Get('ready')
  @Public()
  @Operation('healthReady', 'The database and the job queue answer')
  @ApiOkResponse({ schema: { example: { status: 'ok', info: { database: { status: 'up' }, queue: { status: 'up' } } } } })
  @ApiProblems(503)
  ready() {
    return this.health.ready();
  }
}
