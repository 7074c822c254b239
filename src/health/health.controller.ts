import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../access/permission.decorator';
import { ApiProblems, Operation } from '../common/http/api-docs';
import { HealthService } from './health.service';

const LIVE = { status: 'ok' } as const;

/**
 * Liveness and readiness probes. Never rate limited (@SkipThrottle), on purpose: orchestrators and
 * proxies probe from a few addresses, often through the same proxy as the clients, and a probe
 * answered 429 under load would make them take a healthy replica out (or restart it), shifting its
 * load onto the others. Skipping also keeps the probes free of the rate-limit storage round trip,
 * so `live` answers without touching Redis or PostgreSQL. Both routes are public and cheap.
 */
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
